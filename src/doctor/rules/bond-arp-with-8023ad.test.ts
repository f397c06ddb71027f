import assert from "node:assert/strict";
import { test } from "node:test";
import { configuredBond, ev, snapshot } from "../../../test/support/builders.js";
import { rule } from "./bond-arp-with-8023ad.js";

const NETPLAN = "etc/netplan/test-bond-8023ad-all-parameters-conflicting.yaml";

test("bond-arp-with-8023ad warns about netplan's 802.3ad bond that also sets ARP monitoring", () => {
  const s = snapshot({
    configuredBonds: [
      configuredBond("bn0", {
        format: "netplan",
        file: NETPLAN,
        mode: "802.3ad",
        options: { miimon: "10", arp_interval: "15", arp_ip_target: "10.10.10.10,20.20.20.20" },
        ev: { arp_interval: ev("        arp-interval: 15", 20, NETPLAN) },
      }),
    ],
  });
  const [f, ...rest] = rule.check(s);
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "warning");
  assert.equal(f?.subject, "bn0");
  assert.match(f?.title ?? "", /arp_interval 15\) on a 802\.3ad bond/);
  assert.match(f?.explanation ?? "", /MII monitoring every 10 ms only/);
  assert.deepEqual(f?.evidence, [ev("        arp-interval: 15", 20, NETPLAN)]);
  assert.match(f?.fix[1] ?? "", /^mii-monitor-interval: 100/);
});

test("bond-arp-with-8023ad says when no link monitoring is left at all", () => {
  const s = snapshot({
    configuredBonds: [
      configuredBond("bond0", { mode: "balance-alb", options: { arp_interval: "1000" } }),
    ],
  });
  assert.match(rule.check(s)[0]?.explanation ?? "", /no link monitoring/);
});

test("bond-arp-with-8023ad accepts ARP monitoring on active-backup and arp_interval=0", () => {
  const s = snapshot({
    configuredBonds: [
      configuredBond("bond0", { mode: "active-backup", options: { arp_interval: "1000" } }),
      configuredBond("bond1", { mode: "802.3ad", options: { arp_interval: "0", miimon: "100" } }),
    ],
  });
  assert.deepEqual(rule.check(s), []);
});
