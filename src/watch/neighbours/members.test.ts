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
  { ifname: "eth9.10", link_type: "ether", linkinfo: { info_kind: "vlan" } },
  { ifname: "wg0", link_type: "none", linkinfo: { info_kind: "wireguard" } },
  { ifname: "tun0", link_type: "none" },
  { ifname: "veth1", link_type: "ether", linkinfo: { info_kind: "veth" } },
];

test("neighbourMembers listens on bond and team members and the given NICs, not on aggregates, VLANs or tunnels", () => {
  assert.deepEqual(
    neighbourMembers(links, ["eth9", "bond0", "br0", "lo", "eth9.10", "wg0", "tun0", "veth1"]),
    ["eno1", "eno2", "ens3f0", "eth9", "veth1"],
  );
});

test("neighbourMembers skips given names the host does not have", () => {
  assert.deepEqual(neighbourMembers(links.slice(0, 1), ["eth7"]), []);
});
