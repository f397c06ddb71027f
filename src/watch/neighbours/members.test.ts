import assert from "node:assert/strict";
import { test } from "node:test";
import { neighbourMembers } from "./members.js";

const links = [
  { ifname: "lo", link_type: "loopback" },
  { ifname: "eno1", link_type: "ether", linkinfo: { info_slave_kind: "bond" } },
  { ifname: "eno2", link_type: "ether", linkinfo: { info_slave_kind: "bond" } },
  { ifname: "bond0", link_type: "ether", linkinfo: { info_kind: "bond" } },
  { ifname: "ens3f0", link_type: "ether", linkinfo: { info_slave_kind: "team" } },
  { ifname: "eth9", link_type: "ether" },
  { ifname: "br0", link_type: "ether", linkinfo: { info_kind: "bridge" } },
];

test("neighbourMembers listens on bond and team members and the given interfaces, not on aggregates", () => {
  assert.deepEqual(neighbourMembers(links, ["eth9", "bond0", "br0", "lo"]), [
    "eno1",
    "eno2",
    "ens3f0",
    "eth9",
  ]);
});

test("neighbourMembers skips given names the host does not have", () => {
  assert.deepEqual(neighbourMembers(links.slice(0, 1), ["eth7"]), []);
});
