import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import {
  bond,
  configuredBond,
  ev,
  iface,
  inet,
  slave,
  snapshot,
} from "../../../test/support/builders.js";
import { REPO_ROOT } from "../../../test/support/paths.js";
import type { Team } from "../../host/model.js";
import { readHost } from "../../host/read/read-host.js";
import { rule } from "./bond-single-slave.js";

const NETPLAN = "etc/netplan/01-bond.yaml";

test("bond-single-slave warns about a running bond over one NIC and enslaves the configured second", () => {
  const b = bond("bond0", { slaves: [slave("eno1")] });
  const cfg = configuredBond("bond0", { members: ["eno1", "eno2"] });
  const [f, ...rest] = rule.check(snapshot({ bonds: [b], configuredBonds: [cfg] }));
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "warning");
  assert.equal(f?.subject, "bond0");
  assert.equal(f?.title, "bond0: bond has a single member (eno1), no redundancy");
  assert.match(f?.explanation ?? "", /names eno2 as well, but it is not enslaved/);
  assert.deepEqual(f?.evidence, [b.source, b.slaves[0]?.source]);
  assert.equal(
    f?.fix[0],
    "ip link set dev eno2 down && ip link set dev eno2 master bond0 && ip link set dev eno2 up",
  );
});

test("bond-single-slave is critical for an empty bond that holds the host's address", () => {
  const addr = inet("10.20.0.15", 24);
  const s = snapshot({
    bonds: [bond("bond0", { mode: "balance-rr", miimon: 0 })],
    interfaces: { bond0: iface("bond0", { addresses: [addr] }) },
  });
  const [f] = rule.check(s);
  assert.equal(f?.severity, "critical");
  assert.equal(f?.title, "bond0: bond has no members");
  assert.ok(f?.evidence.includes(addr.source));
});

test("bond-single-slave only notes the empty bond0 that loading the bonding module leaves", () => {
  const [f] = rule.check(snapshot({ bonds: [bond("bond0", { mode: "balance-rr", miimon: 0 })] }));
  assert.equal(f?.severity, "info");
  assert.match(f?.explanation ?? "", /max_bonds=1/);
});

test("bond-single-slave reads netplan's single-member bond that is not running", () => {
  const member = ev("        - eth0", 11, NETPLAN);
  const cfg = configuredBond("bond0", {
    format: "netplan",
    file: NETPLAN,
    members: ["eth0"],
    ev: { members: member, "member:eth0": member },
  });
  const [f] = rule.check(snapshot({ configuredBonds: [cfg] }));
  assert.equal(f?.severity, "warning");
  assert.equal(f?.title, "bond0: bond has a single member (eth0), no redundancy");
  assert.deepEqual(f?.evidence, [member]);
  assert.ok(f?.fix.includes("# /etc/netplan/01-bond.yaml: bonds: bond0: interfaces: [eth0, NIC]"));
});

test("bond-single-slave accepts bonds with two members, running or configured", () => {
  const s = snapshot({
    bonds: [bond("bond0", { slaves: [slave("eno1"), slave("eno2")] })],
    configuredBonds: [
      configuredBond("bond1", { members: ["eth0", "eth1"] }),
      configuredBond("bond0", { members: ["eno1"] }),
      configuredBond("bond2", { members: [] }),
    ],
  });
  assert.deepEqual(rule.check(s), []);
});

test("bond-single-slave judges a teamd team with no ports (real state dump) or one port like a bond", () => {
  const snap = readHost(join(REPO_ROOT, "test/fixtures/hosts/team-no-ports"), { live: false });
  const [f] = rule.check(snap);
  assert.equal(f?.severity, "info");
  assert.equal(f?.title, "team0: team has no ports");
  const one: Team = {
    name: "team1",
    runner: "activebackup",
    ports: [{ name: "eno1", linkUp: true, ev: {} }],
    source: ev("teamdctl team1 state dump", 1, "sos_commands/teamd/teamdctl_team1_state_dump"),
    ev: {},
  };
  const [g] = rule.check(snapshot({ teams: [one] }));
  assert.equal(g?.severity, "warning");
  assert.equal(g?.title, "team1: team has a single port (eno1), no redundancy");
  const up = snapshot({
    teams: [{ ...one, ports: [] }],
    interfaces: { team1: iface("team1", { flags: ["UP"] }) },
  });
  assert.equal(rule.check(up)[0]?.severity, "critical");
});
