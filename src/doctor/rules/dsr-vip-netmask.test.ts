import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { configuredAddress, iface, inet, snapshot } from "../../../test/support/builders.js";
import { REPO_ROOT } from "../../../test/support/paths.js";
import { readHost } from "../../host/read/read-host.js";
import { rule } from "./dsr-vip-netmask.js";
import { RULES } from "./index.js";

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

test("a /32 on lo of a forwarding host running FRR is a router loopback: info only, no dsr-* finding above info", () => {
  const snap = readHost(join(REPO_ROOT, "test/fixtures/hosts/router-frr-loopback"), {
    live: false,
  });
  const all = RULES.flatMap((r) => r.check(snap));
  assert.deepEqual(
    all.map((f) => [f.rule, f.severity]),
    [["dsr-vip-netmask", "info"]],
  );
  assert.equal(
    all[0]?.title,
    "192.168.0.1/32 on lo is a router loopback, not a DSR VIP (net.ipv4.ip_forward = 1 and FRR (etc/frr/zebra.conf))",
  );
});

test("the DSR rules stay as strict on a real server that forwards but runs no routing daemon", () => {
  const snap = readHost(join(REPO_ROOT, "examples/002-dsr-real-server-arp"), { live: false });
  const before = RULES.flatMap((r) => r.check(snap)).map((f) => f.rule);
  snap.sysctls["net.ipv4.ip_forward"] = {
    key: "net.ipv4.ip_forward",
    value: "1",
    source: { file: "x", line: 1, text: "1" },
  };
  assert.deepEqual(
    RULES.flatMap((r) => r.check(snap)).map((f) => f.rule),
    before,
  );
  assert.ok(before.includes("dsr-arp-ignore"));
});
