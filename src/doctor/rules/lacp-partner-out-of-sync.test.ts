import assert from "node:assert/strict";
import { test } from "node:test";
import { bond, ev, slave, snapshot } from "../../../test/support/builders.js";
import type { BondSlave } from "../../host/model.js";
import { decodeLacpState } from "../../host/parse/lacp-state.js";
import { rule } from "./lacp-partner-out-of-sync.js";

const F = "proc/net/bonding/bond0";
const SWITCH = "00:00:5e:00:01:01";

function member(name: string, actor: number, partner: number, fields: Partial<BondSlave> = {}) {
  return slave(name, {
    miiStatus: "up",
    aggregatorId: 1,
    actorChurnState: "none",
    partnerChurnState: "none",
    actorChurnedCount: 0,
    partnerChurnedCount: 0,
    actor: { systemMac: "5c:6f:69:34:dc:72", state: decodeLacpState(actor) },
    partner: { systemMac: SWITCH, state: decodeLacpState(partner) },
    ...fields,
  });
}

/** eth1 of the corpus' churn sample: actor 15, partner 31, churn monitoring after 2 churns. */
function churning() {
  return member("eth1", 15, 31, {
    actorChurnState: "monitoring",
    partnerChurnState: "monitoring",
    actorChurnedCount: 2,
    partnerChurnedCount: 2,
    source: ev("Slave Interface: eth1", 50, F),
    ev: {
      actorChurnState: ev("Actor Churn State: monitoring", 61, F),
      actorPortState: ev("    port state: 15", 71, F),
      partnerPortState: ev("    port state: 31", 78, F),
    },
  });
}

test("lacp-partner-out-of-sync warns about a member that is neither distributing nor settled", () => {
  const b = bond("bond0", {
    mode: "802.3ad",
    ad: { activeAggregator: { id: 1, ports: 2, partnerMac: SWITCH } },
    slaves: [churning(), member("eth0", 63, 63)],
  });
  const [f, ...rest] = rule.check(snapshot({ bonds: [b] }));
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "warning");
  assert.equal(f?.subject, "bond0");
  assert.equal(
    f?.title,
    "bond0: LACP out of sync with the partner on eth1 (eth1 not distributing)",
  );
  const text = f?.explanation ?? "";
  assert.match(
    text,
    /actor port state 15 = Activity \(active LACP\), Timeout \(short, 1 s LACPDUs\), Aggregation \(aggregatable\), Synchronization \(in sync\): lacks collecting, distributing/,
  );
  assert.match(text, /partner port state 31 = .*Collecting: lacks distributing/);
  assert.match(text, /actor churned 2 times, churn state monitoring/);
  assert.deepEqual(f?.evidence, [
    ev("Slave Interface: eth1", 50, F),
    ev("    port state: 15", 71, F),
    ev("    port state: 31", 78, F),
    ev("Actor Churn State: monitoring", 61, F),
  ]);
  assert.ok(
    f?.fix.includes(
      "ip link set dev eth1 down && ip link set dev eth1 up   # renegotiate LACP on eth1",
    ),
  );
});

test("lacp-partner-out-of-sync reports a churned member even when its bits look right", () => {
  const b = bond("bond0", {
    mode: "802.3ad",
    slaves: [member("eno1", 63, 63, { partnerChurnState: "churned", partnerChurnedCount: 1 })],
  });
  const [f] = rule.check(snapshot({ bonds: [b] }));
  assert.match(f?.explanation ?? "", /partner churn state churned/);
  assert.doesNotMatch(f?.title ?? "", /not distributing/);
});

test("lacp-partner-out-of-sync judges port states alone when netlink gives no partner MAC", () => {
  const eno1 = slave("eno1", {
    miiStatus: "up",
    actor: { state: decodeLacpState(0x0f) },
    partner: { state: decodeLacpState(0x3f) },
  });
  const [f] = rule.check(snapshot({ bonds: [bond("bond0", { mode: "802.3ad", slaves: [eno1] })] }));
  assert.equal(
    f?.title,
    "bond0: LACP out of sync with the partner on eno1 (eno1 not distributing)",
  );
});

test("lacp-partner-out-of-sync leaves partnerless, down and idle-aggregator members to the other rules", () => {
  const b = bond("bond0", {
    mode: "802.3ad",
    ad: { activeAggregator: { id: 1, ports: 1 } },
    slaves: [
      member("eno1", 63, 63),
      member("eno2", 71, 1, {
        partner: { systemMac: "00:00:00:00:00:00", state: decodeLacpState(1) },
      }),
      member("eno3", 15, 31, { miiStatus: "down" }),
      member("eno4", 15, 15, { aggregatorId: 2 }),
    ],
  });
  assert.deepEqual(rule.check(snapshot({ bonds: [b] })), []);
});

test("lacp-partner-out-of-sync stays silent on a healthy bond and outside 802.3ad", () => {
  const healthy = bond("bond0", {
    mode: "802.3ad",
    slaves: [member("eno1", 63, 63), member("eno2", 61, 61)],
  });
  const ab = bond("bond1", { slaves: [member("eth0", 15, 31)] });
  assert.deepEqual(rule.check(snapshot({ bonds: [healthy, ab] })), []);
});

test("lacp-partner-out-of-sync names Expired: LACPDUs from the partner stopped arriving (incident 004)", () => {
  // 143 = Activity, short Timeout, Aggregation, Synchronization, Expired: the receive machine
  // timed out waiting for the partner's LACPDUs; the partner's info is kept but no longer in sync.
  const expired = member("eth1", 143, 13, {
    ev: { actorPortState: ev("    port state: 143", 71, F) },
  });
  const b = bond("bond0", {
    mode: "802.3ad",
    ad: { activeAggregator: { id: 1, ports: 2, partnerMac: SWITCH } },
    slaves: [expired, member("eth0", 63, 63)],
  });
  const [f] = rule.check(snapshot({ bonds: [b] }));
  assert.equal(
    f?.title,
    "bond0: LACP out of sync with the partner on eth1 (eth1: LACPDUs from the partner stopped arriving)",
  );
  assert.match(
    f?.explanation ?? "",
    /eth1: LACPDUs from the partner stopped arriving \(Expired\); actor port state 143 = .*Expired/,
  );
});
