import assert from "node:assert/strict";
import { test } from "node:test";
import { configuredAddress, iface, inet, snapshot } from "../../test/support/builders.js";
import { loopbackVips } from "./loopback-vips.js";

const lo = (...addrs: ReturnType<typeof inet>[]) => ({ lo: iface("lo", { addresses: addrs }) });

test("loopbackVips ignores loopback addresses and anonymised non-addresses", () => {
  const s = snapshot({ interfaces: lo(inet("127.0.0.1", 8), inet("10.888.999.133", 32)) });
  assert.deepEqual(loopbackVips(s), []);
});

test("loopbackVips lists the running VIP first, then the configured one, with their labels", () => {
  const s = snapshot({
    interfaces: lo(inet("127.0.0.1", 8), inet("10.30.0.101", 32, { label: "lo:1" })),
    configuredAddresses: [configuredAddress("lo:0", "10.30.0.102", { prefix: 32 })],
  });
  const vips = loopbackVips(s).map((v) => [v.address, v.label, v.where]);
  assert.deepEqual(vips, [
    ["10.30.0.101", "lo:1", "running"],
    ["10.30.0.102", "lo:0", "ifcfg"],
  ]);
});
