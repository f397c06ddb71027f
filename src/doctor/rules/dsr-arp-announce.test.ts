import assert from "node:assert/strict";
import { test } from "node:test";
import {
  configuredAddress,
  iface,
  inet,
  snapshot,
  sysctls,
} from "../../../test/support/builders.js";
import { rule } from "./dsr-arp-announce.js";

const dsrHost = (values: Record<string, string>) =>
  snapshot({
    interfaces: { eth0: iface("eth0", { addresses: [inet("10.1.1.2", 24)] }) },
    configuredAddresses: [configuredAddress("lo:0", "123.123.123.123", { prefix: 32 })],
    sysctls: sysctls(values),
  });

test("dsr-arp-announce warns when a configured VIP is on lo and arp_announce is 1", () => {
  const [f, ...rest] = rule.check(
    dsrHost({ "net.ipv4.conf.all.arp_announce": "1", "net.ipv4.conf.eth0.arp_announce": "0" }),
  );
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "warning");
  assert.match(f?.title ?? "", /arp_announce on eth0 is 1/);
  assert.ok(f?.fix.includes("net.ipv4.conf.all.arp_announce = 2"));
  assert.equal(f?.evidence.at(-1)?.text, "IPADDR=123.123.123.123");
});

test("dsr-arp-announce is silent when all.arp_announce is 2 (incident 002's sysctl.conf)", () => {
  assert.deepEqual(rule.check(dsrHost({ "net.ipv4.conf.all.arp_announce": "2" })), []);
});

test("dsr-arp-announce reports unknown sysctls as info, not as a problem", () => {
  const [f] = rule.check(dsrHost({}));
  assert.equal(f?.severity, "info");
});
