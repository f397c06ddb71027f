import assert from "node:assert/strict";
import { test } from "node:test";
import { configuredAddress, iface, inet, snapshot } from "../../../test/support/builders.js";
import { rule } from "./dsr-vip-netmask.js";

const lo = (...addrs: ReturnType<typeof inet>[]) => ({ lo: iface("lo", { addresses: addrs }) });

test("dsr-vip-netmask warns about a running VIP on lo that is a /24 (incident 002)", () => {
  const s = snapshot({
    interfaces: lo(inet("127.0.0.1", 8), inet("123.123.123.123", 24, { label: "lo:0" })),
  });
  const [f, ...rest] = rule.check(s);
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "warning");
  assert.equal(f?.subject, "lo");
  assert.match(f?.title ?? "", /123\.123\.123\.123 on lo:0 is \/24, not \/32/);
  assert.match(f?.fix[0] ?? "", /ip addr add 123\.123\.123\.123\/32 dev lo label lo:0/);
  assert.equal(f?.evidence[0]?.text, "inet 123.123.123.123/24");
});

test("dsr-vip-netmask is silent for a /32 VIP beside 127.0.0.1", () => {
  const s = snapshot({
    interfaces: lo(inet("127.0.0.1", 8), inet("123.123.123.123", 32, { label: "lo:0" })),
    configuredAddresses: [configuredAddress("lo:0", "123.123.123.123", { prefix: 32 })],
  });
  assert.deepEqual(rule.check(s), []);
});

test("dsr-vip-netmask is critical when lo runs with the VIP instead of 127.0.0.1", () => {
  const s = snapshot({ interfaces: lo(inet("123.123.123.123", 8)) });
  const found = rule.check(s);
  assert.equal(found.length, 1, "the /8 is part of the critical finding, not a second one");
  assert.equal(found[0]?.severity, "critical");
  assert.ok(found[0]?.fix.includes("ip addr add 127.0.0.1/8 dev lo"));
});

test("dsr-vip-netmask is critical when ifcfg-lo replaces 127.0.0.1 with the VIP", () => {
  const s = snapshot({
    configuredAddresses: [configuredAddress("lo", "123.123.123.123", { prefix: 8 })],
  });
  const [f] = rule.check(s);
  assert.equal(f?.severity, "critical");
  assert.match(f?.title ?? "", /ifcfg-lo with 123\.123\.123\.123 instead of 127\.0\.0\.1/);
  assert.ok(f?.fix.includes("IPADDR=127.0.0.1"));
});

test("dsr-vip-netmask gives the config line in the file's own syntax", () => {
  const s = snapshot({
    configuredAddresses: [
      configuredAddress("lo", "10.0.0.10", {
        prefix: 24,
        format: "networkd",
        source: { file: "etc/systemd/network/lo.network", line: 4, text: "Address=10.0.0.10/24" },
      }),
    ],
  });
  const [f] = rule.check(s);
  assert.equal(f?.severity, "warning", "networkd adds to lo; it does not replace 127.0.0.1");
  assert.deepEqual(f?.fix, ["# /etc/systemd/network/lo.network", "Address=10.0.0.10/32"]);
});

test("dsr-vip-netmask reports a wide VIP once when it is both running and configured", () => {
  const s = snapshot({
    interfaces: lo(inet("127.0.0.1", 8), inet("10.30.0.101", 24, { label: "lo:1" })),
    configuredAddresses: [configuredAddress("lo:1", "10.30.0.101", { prefix: 24 })],
  });
  const findings = rule.check(s);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]?.evidence.length, 2);
  assert.match(findings[0]?.title ?? "", /\(running, and in \//);
});
