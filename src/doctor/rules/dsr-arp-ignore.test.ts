import assert from "node:assert/strict";
import { test } from "node:test";
import { iface, inet, snapshot, sysctls } from "../../../test/support/builders.js";
import { rule } from "./dsr-arp-ignore.js";

const dsrHost = (values: Record<string, string>) =>
  snapshot({
    interfaces: {
      lo: iface("lo", { addresses: [inet("127.0.0.1", 8), inet("123.123.123.123", 32)] }),
      eth0: iface("eth0", { addresses: [inet("10.1.1.2", 24)] }),
      eth1: iface("eth1"),
    },
    sysctls: sysctls(values),
  });

test("dsr-arp-ignore is critical when a VIP is on lo and arp_ignore is 0 everywhere", () => {
  const found = rule.check(
    dsrHost({ "net.ipv4.conf.all.arp_ignore": "0", "net.ipv4.conf.eth0.arp_ignore": "0" }),
  );
  assert.equal(found.length, 1, "only eth0 has an IPv4 address, so only eth0 answers ARP");
  const [f] = found;
  assert.equal(f?.severity, "critical");
  assert.equal(f?.subject, "eth0");
  assert.match(f?.title ?? "", /arp_ignore on eth0 is 0 .* 123\.123\.123\.123/);
  assert.deepEqual(
    f?.evidence.map((e) => e.text),
    [
      "net.ipv4.conf.all.arp_ignore = 0",
      "net.ipv4.conf.eth0.arp_ignore = 0",
      "inet 123.123.123.123/32",
    ],
  );
  assert.equal(
    f?.fix[0],
    "sysctl -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.eth0.arp_ignore=1",
  );
});

test("dsr-arp-ignore takes the larger of all and the interface, as the kernel does", () => {
  const onlyAll = { "net.ipv4.conf.all.arp_ignore": "1", "net.ipv4.conf.eth0.arp_ignore": "0" };
  const onlyIf = { "net.ipv4.conf.all.arp_ignore": "0", "net.ipv4.conf.eth0.arp_ignore": "1" };
  assert.deepEqual(rule.check(dsrHost(onlyAll)), []);
  assert.deepEqual(rule.check(dsrHost(onlyIf)), []);
});

test("dsr-arp-ignore says so as info when the sysctls were not collected", () => {
  const [f, ...rest] = rule.check(dsrHost({}));
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "info");
  assert.match(f?.title ?? "", /not collected for eth0/);
});

test("dsr-arp-ignore is silent on a host without a VIP on lo", () => {
  const s = snapshot({
    interfaces: { eth0: iface("eth0", { addresses: [inet("10.1.1.2", 24)] }) },
    sysctls: sysctls({ "net.ipv4.conf.all.arp_ignore": "0" }),
  });
  assert.deepEqual(rule.check(s), []);
});

test("dsr-arp-ignore finds VLAN interfaces under their slashed sysctl key", () => {
  const s = snapshot({
    interfaces: {
      lo: iface("lo", { addresses: [inet("123.123.123.123", 32)] }),
      "eth0.100": iface("eth0.100", { addresses: [inet("10.1.1.2", 24)] }),
    },
    sysctls: sysctls({
      "net.ipv4.conf.all.arp_ignore": "0",
      "net.ipv4.conf.eth0/100.arp_ignore": "1",
    }),
  });
  assert.deepEqual(rule.check(s), []);
});
