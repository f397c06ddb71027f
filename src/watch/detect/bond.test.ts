import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { bond, slave } from "../../../test/support/builders.js";
import { CORPUS } from "../../../test/support/paths.js";
import { decodeLacpState } from "../../host/parse/lacp-state.js";
import { parseProcNetBonding } from "../../host/parse/proc-net-bonding.js";
import { BondDetector } from "./bond.js";

const ctx = { host: "h" };
const PARTNER = "00:1c:73:aa:bb:cc";

function lacpBond(partnerMac: string, partnerState: number, lacpduRx?: number) {
  return bond("bond0", {
    mode: "802.3ad",
    ad: { lacpRate: "fast" },
    slaves: [
      slave("eth0", {
        miiStatus: "up",
        partner: { systemMac: partnerMac, state: decodeLacpState(partnerState) },
        ...(lacpduRx !== undefined && { lacpduRx }),
      }),
    ],
  });
}

test("a partner MAC turning to zeros is lacp-partner-lost, in the switch's words too", () => {
  const d = new BondDetector(ctx);
  assert.deepEqual(d.observe(0, lacpBond(PARTNER, 0x3d)), []);
  const out = d.observe(1000, lacpBond("00:00:00:00:00:00", 0x3d));
  assert.deepEqual(
    out.map((e) => e.kind),
    ["lacp-partner-lost"],
  );
  assert.match(out[0]?.detail ?? "", /suspended \(no LACP PDUs\)/);
});

test("state bits that change are named: +expired +defaulted -synchronization", () => {
  const d = new BondDetector(ctx);
  d.observe(0, lacpBond(PARTNER, 0x3d));
  const out = d.observe(1000, lacpBond(PARTNER, 0xc5));
  assert.equal(out[0]?.kind, "lacp-state-changed");
  assert.match(out[0]?.detail ?? "", /\+defaulted/);
  assert.match(out[0]?.detail ?? "", /\+expired/);
  assert.match(out[0]?.detail ?? "", /-synchronization/);
  assert.equal(out[0]?.severity, "warning");
});

test("no LACPDU received for 3 x the fast interval is lacpdu-stall, once", () => {
  const d = new BondDetector(ctx);
  assert.deepEqual(d.observe(0, lacpBond(PARTNER, 0x3d, 100)), []);
  assert.deepEqual(d.observe(1000, lacpBond(PARTNER, 0x3d, 101)), []);
  assert.deepEqual(d.observe(3500, lacpBond(PARTNER, 0x3d, 101)), []);
  assert.deepEqual(
    d.observe(4100, lacpBond(PARTNER, 0x3d, 101)).map((e) => e.kind),
    ["lacpdu-stall"],
  );
  assert.deepEqual(d.observe(5000, lacpBond(PARTNER, 0x3d, 101)), []);
});

test("the active slave moving is active-slave-changed", () => {
  const d = new BondDetector(ctx);
  d.observe(0, bond("bond0", { activeSlave: "eth0", slaves: [slave("eth0"), slave("eth1")] }));
  const out = d.observe(
    100,
    bond("bond0", { activeSlave: "eth1", slaves: [slave("eth0"), slave("eth1")] }),
  );
  assert.equal(out[0]?.detail, "bond0 active slave moved from eth0 to eth1");
});

test("corpus: a healthy bond read twice raises nothing; churn appears as lacp-churn", () => {
  const dir = join(CORPUS, "proc-net-bonding");
  const healthy = parseProcNetBonding(
    readFileSync(join(dir, "8023ad-v3.7.1-rhel6-aggid-before-queueid-healthy.txt"), "utf8"),
    "f",
    "bond0",
  ).value[0];
  const churned = parseProcNetBonding(
    readFileSync(join(dir, "8023ad-partner-mac-zero-churned-slave-down-pdu-details.txt"), "utf8"),
    "f",
    "bond0",
  ).value[0];
  assert.ok(healthy && churned);
  const d = new BondDetector(ctx);
  d.observe(0, healthy);
  assert.deepEqual(d.observe(1000, healthy), []);
  // The churned sample, renamed onto the healthy bond's members, as if it happened to it.
  const names = healthy.slaves.map((s) => s.name);
  const after = {
    ...churned,
    name: healthy.name,
    slaves: churned.slaves.map((s, i) => ({ ...s, name: names[i] ?? s.name })),
  };
  const kinds = d.observe(2000, after).map((e) => e.kind);
  assert.ok(kinds.includes("lacp-churn") || kinds.includes("lacp-partner-lost"), kinds.join(","));
});
