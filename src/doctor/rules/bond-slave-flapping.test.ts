import assert from "node:assert/strict";
import { test } from "node:test";
import { bond, ev, iface, slave, snapshot } from "../../../test/support/builders.js";
import { CARRIER_CHANGES_THRESHOLD, LINK_FAILURE_THRESHOLD, rule } from "./bond-slave-flapping.js";

const F = "proc/net/bonding/bond0";

test("bond-slave-flapping reports the ARP monitor's 92028 failures of the corpus with their counts", () => {
  const b = bond("bond0", {
    miimon: 0,
    arpInterval: 1000,
    arpIpTargets: ["10.152.1.1"],
    ev: { arpInterval: ev("ARP Polling Interval (ms): 1000", 10, F) },
    slaves: [
      slave("p2p3", {
        miiStatus: "up",
        linkFailureCount: 71524,
        ev: { linkFailureCount: ev("Link Failure Count: 71524", 24, F) },
      }),
      slave("em3", {
        miiStatus: "up",
        linkFailureCount: 92028,
        ev: { linkFailureCount: ev("Link Failure Count: 92028", 17, F) },
      }),
    ],
  });
  const [f, ...rest] = rule.check(snapshot({ bonds: [b] }));
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "warning");
  assert.equal(f?.subject, "bond0");
  assert.equal(f?.title, "bond0: em3, p2p3 flap (em3 failed 92028 times, p2p3 failed 71524 times)");
  assert.match(f?.explanation ?? "", /ARP monitor \(every 1000 ms to 10\.152\.1\.1\)/);
  assert.deepEqual(
    f?.evidence.map((e) => e.line),
    [10, 1, 17, 1, 24],
  );
  assert.ok(
    f?.fix.includes("arping -c 3 -I bond0 10.152.1.1   # does each target answer, quickly?"),
  );
});

test("bond-slave-flapping counts carrier changes of a member interface", () => {
  const changes = ev(
    String(CARRIER_CHANGES_THRESHOLD + 4),
    1,
    "sys/class/net/eno1/carrier_changes",
  );
  const s = snapshot({
    bonds: [bond("bond0", { slaves: [slave("eno1", { linkFailureCount: 1 }), slave("eno2")] })],
    interfaces: {
      eno1: iface("eno1", {
        carrierChanges: CARRIER_CHANGES_THRESHOLD + 4,
        ev: { carrierChanges: changes },
      }),
    },
  });
  const [f] = rule.check(s);
  assert.equal(f?.title, "bond0: eno1 flaps (eno1 changed carrier 14 times)");
  assert.match(f?.explanation ?? "", /real loss of carrier/);
  assert.ok(f?.evidence.includes(changes));
  assert.ok(
    f?.fix.includes(
      "echo 200 > /sys/class/net/bond0/bonding/updelay   # wait before trusting a link that came back (a multiple of miimon)",
    ),
  );
});

test("bond-slave-flapping lets a member below the thresholds be", () => {
  const s = snapshot({
    bonds: [
      bond("bond0", {
        slaves: [
          slave("eth0", { linkFailureCount: LINK_FAILURE_THRESHOLD - 1 }),
          slave("eth1", { linkFailureCount: 0 }),
        ],
      }),
    ],
    interfaces: { eth0: iface("eth0", { carrierChanges: 2 }) },
  });
  assert.deepEqual(rule.check(s), []);
});
