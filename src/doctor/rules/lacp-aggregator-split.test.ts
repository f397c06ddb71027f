import assert from "node:assert/strict";
import { test } from "node:test";
import { bond, ev, slave, snapshot } from "../../../test/support/builders.js";
import type { BondSlave } from "../../host/model.js";
import { decodeLacpState } from "../../host/parse/lacp-state.js";
import { rule } from "./lacp-aggregator-split.js";

const F = "proc/net/bonding/bond0";

function member(name: string, aggregatorId: number, line: number, fields: Partial<BondSlave> = {}) {
  return slave(name, {
    miiStatus: "up",
    aggregatorId,
    source: ev(`Slave Interface: ${name}`, line, F),
    ev: { aggregatorId: ev(`Aggregator ID: ${aggregatorId}`, line + 4, F) },
    ...fields,
  });
}

/** The corpus' two-aggregator bond: eth0/eth1 in aggregator 2, eth2/eth3 in the active 3. */
function twoAggregators() {
  return bond("bond0", {
    mode: "802.3ad",
    ad: { activeAggregator: { id: 3, ports: 2, partnerMac: "00:22:67:00:11:22" } },
    ev: {
      aggregatorId: ev("        Aggregator ID: 3", 13, F),
      aggregatorPorts: ev("        Number of ports: 2", 14, F),
    },
    slaves: [
      member("eth3", 3, 37),
      member("eth0", 2, 19),
      member("eth2", 3, 31),
      member("eth1", 2, 25),
    ],
  });
}

test("lacp-aggregator-split says how many up ports carry traffic when members sit in two aggregators", () => {
  const [f, ...rest] = rule.check(snapshot({ bonds: [twoAggregators()] }));
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "warning");
  assert.equal(f?.subject, "bond0");
  assert.equal(
    f?.title,
    "bond0: up members split across aggregators 2 (eth0, eth1) and 3 (eth2, eth3); 2 of 4 up ports carry traffic",
  );
  assert.match(f?.explanation ?? "", /eth0, eth1 are up but idle/);
  assert.deepEqual(f?.evidence.slice(0, 4), [
    ev("        Aggregator ID: 3", 13, F),
    ev("        Number of ports: 2", 14, F),
    ev("Slave Interface: eth0", 19, F),
    ev("Aggregator ID: 2", 23, F),
  ]);
  assert.ok(f?.fix.some((l) => l.includes("ONE port-channel")));
});

test("lacp-aggregator-split notices members that see different partner systems", () => {
  const p = (mac: string) => ({ systemMac: mac, state: decodeLacpState(63) });
  const b = bond("bond0", {
    mode: "802.3ad",
    ad: { activeAggregator: { ports: 1 } },
    slaves: [
      slave("eno1", { miiStatus: "up", partner: p("00:00:5e:00:01:01") }),
      slave("eno2", { miiStatus: "up", partner: p("00:00:5e:00:01:02") }),
    ],
  });
  const [f] = rule.check(snapshot({ bonds: [b] }));
  assert.equal(
    f?.title,
    "bond0: members see 2 different LACP partners (00:00:5e:00:01:01 on eno1, 00:00:5e:00:01:02 on eno2); 1 of 2 up ports carry traffic",
  );
});

test("lacp-aggregator-split ignores down members and members without a partner", () => {
  const b = twoAggregators();
  b.slaves = [
    member("eth0", 2, 19, { miiStatus: "down" }),
    member("eth1", 2, 25, { partner: { systemMac: "00:00:00:00:00:00" } }),
    member("eth2", 3, 31),
    member("eth3", 3, 37),
  ];
  assert.deepEqual(rule.check(snapshot({ bonds: [b] })), []);
});

test("lacp-aggregator-split stays silent when every up member is in the active aggregator", () => {
  const healthy = bond("bond0", {
    mode: "802.3ad",
    ad: { activeAggregator: { id: 1, ports: 2 } },
    slaves: [member("eno1", 1, 20), member("eno2", 1, 40)],
  });
  const ab = bond("bond1", { slaves: [member("eth0", 1, 1), member("eth1", 2, 10)] });
  assert.deepEqual(rule.check(snapshot({ bonds: [healthy, ab] })), []);
});

test("lacp-aggregator-split names an up member attached to no aggregator (Aggregator ID: N/A) as carrying nothing", () => {
  const b = bond("bond0", {
    mode: "802.3ad",
    ad: { activeAggregator: { id: 1, ports: 1, partnerMac: "00:00:5e:00:01:01" } },
    slaves: [
      slave("eth0", { miiStatus: "up", aggregatorId: 1 }),
      slave("eth1", {
        miiStatus: "up",
        aggregatorAbsent: "n/a",
        ev: { aggregatorId: ev("Aggregator ID: N/A", 30) },
      }),
    ],
  });
  const [f] = rule.check(snapshot({ bonds: [b] }));
  assert.equal(
    f?.title,
    "bond0: eth1 is up but attached to no aggregator (Aggregator ID: N/A); 1 of 2 up ports carry traffic",
  );
  assert.match(f?.explanation ?? "", /eth1 is attached to no aggregator at all/);
  assert.doesNotMatch(f?.explanation ?? "", /not in the input/);
});
