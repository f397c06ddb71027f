import assert from "node:assert/strict";
import { test } from "node:test";
import { bond, slave, snapshot } from "../../../test/support/builders.js";
import { neighbour } from "../../../test/support/neighbour-builder.js";
import { decodeLacpState } from "../../host/parse/lacp-state.js";
import { rule } from "./bond-spans-switches.js";

const partner = (mac: string) => ({ systemMac: mac, state: decodeLacpState(61) });
const lacpBond = (a: string, b: string) =>
  bond("bond0", {
    mode: "802.3ad",
    slaves: [
      slave("eno2", { miiStatus: "up", partner: partner(b) }),
      slave("eno1", { miiStatus: "up", partner: partner(a) }),
    ],
  });
const swA = (port: string) =>
  neighbour("eno1", {
    chassisId: "44:4c:a8:aa:00:01",
    systemName: "sw-a",
    portId: port,
    managementAddresses: ["192.0.2.11"],
  });
const swB = (port: string) =>
  neighbour("eno2", { chassisId: "44:4c:a8:bb:00:01", systemName: "sw-b", portId: port }, 20);

test("bond-spans-switches names both switches and ports when the LACP partners differ", () => {
  const s = snapshot({
    bonds: [lacpBond("44:4c:a8:aa:00:01", "44:4c:a8:bb:00:01")],
    neighbours: [swB("Ethernet1/5"), swA("Ethernet1/5")],
  });
  const [f, ...rest] = rule.check(s);
  assert.equal(rest.length, 0);
  assert.equal(
    f?.title,
    "bond0: eno1 → sw-a Ethernet1/5, eno2 → sw-b Ethernet1/5, LACP partners differ: the two switches do not act as one LACP system (no MLAG/vPC)",
  );
  assert.match(
    f?.explanation ?? "",
    /eno1 is cabled to sw-a \(chassis 44:4c:a8:aa:00:01, management 192.0.2.11\) port Ethernet1\/5/,
  );
  assert.match(
    f?.explanation ?? "",
    /sees LACP partner 44:4c:a8:aa:00:01 \(the switch's own chassis MAC, not a shared MLAG\/vPC system id\)/,
  );
  assert.deepEqual(f?.fix.slice(0, 2), [
    "on sw-a: show lacp neighbor interface Ethernet1/5",
    "on sw-b: show lacp neighbor interface Ethernet1/5",
  ]);
  assert.ok(f?.evidence.some((e) => e.line === 20));
});

test("bond-spans-switches stays quiet for an MLAG pair (one partner MAC) and for one switch", () => {
  const mlag = snapshot({
    bonds: [lacpBond("02:1c:73:00:00:99", "02:1c:73:00:00:99")],
    neighbours: [swA("Ethernet1/5"), swB("Ethernet1/5")],
  });
  assert.deepEqual(rule.check(mlag), []);
  const oneSwitch = snapshot({
    bonds: [lacpBond("44:4c:a8:aa:00:01", "44:4c:a8:bb:00:01")],
    neighbours: [swA("Ethernet1/5"), { ...swA("Ethernet1/6"), ifname: "eno2" }],
  });
  assert.deepEqual(rule.check(oneSwitch), []);
});

test("bond-spans-switches needs the neighbours: partner MACs alone are lacp-aggregator-split's", () => {
  const s = snapshot({ bonds: [lacpBond("44:4c:a8:aa:00:01", "44:4c:a8:bb:00:01")] });
  assert.deepEqual(rule.check(s), []);
  const ab = snapshot({
    bonds: [{ ...lacpBond("44:4c:a8:aa:00:01", "44:4c:a8:bb:00:01"), mode: "active-backup" }],
    neighbours: [swA("Ethernet1/5"), swB("Ethernet1/5")],
  });
  assert.deepEqual(rule.check(ab), [], "active-backup across two switches is fine");
});
