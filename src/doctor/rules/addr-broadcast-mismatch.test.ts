import assert from "node:assert/strict";
import { test } from "node:test";
import {
  configuredAddress,
  ev,
  iface,
  inet,
  ipmpIface,
  snapshot,
} from "../../../test/support/builders.js";
import { rule } from "./addr-broadcast-mismatch.js";

const ifconfigAddr = (address: string, broadcast: string) => ({
  address,
  prefix: 24,
  broadcast,
  test: true,
  source: ev(`inet ${address} netmask ffffff00 broadcast ${broadcast}`, 9),
});

test("addr-broadcast-mismatch catches incident 001's 192.169.0.255 on 192.168.0.87/24", () => {
  const s = snapshot({
    ipmp: [ipmpIface("ge0:1", { addresses: [ifconfigAddr("192.168.0.87", "192.169.0.255")] })],
  });
  const [f, ...rest] = rule.check(s);
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "warning");
  assert.equal(f?.subject, "ge0:1");
  assert.equal(
    f?.title,
    "ge0:1 has broadcast 192.169.0.255 on 192.168.0.87/24; it should be 192.168.0.255",
  );
  assert.deepEqual(f?.fix, ["ifconfig ge0:1 broadcast +"]);
  assert.equal(f?.evidence[0]?.text, "inet 192.168.0.87 netmask ffffff00 broadcast 192.169.0.255");
});

test("addr-broadcast-mismatch checks running and configured addresses", () => {
  const s = snapshot({
    interfaces: {
      eth0: iface("eth0", { addresses: [inet("10.1.1.2", 24, { broadcast: "10.1.2.255" })] }),
    },
    configuredAddresses: [
      configuredAddress("eth1", "172.16.5.9", { prefix: 16, broadcast: "172.16.5.255" }),
    ],
  });
  const found = rule.check(s);
  assert.deepEqual(
    found.map((f) => f.subject),
    ["eth0", "eth1"],
  );
  assert.match(
    found[0]?.fix[1] ?? "",
    /ip addr add 10\.1\.1\.2\/24 broadcast 10\.1\.1\.255 dev eth0/,
  );
  assert.equal(
    found[1]?.fix[1],
    "BROADCAST=172.16.255.255   # or delete the line: ifup computes it",
  );
});

test("addr-broadcast-mismatch is silent for right broadcasts, /32s and anonymised addresses", () => {
  const s = snapshot({
    interfaces: {
      eth0: iface("eth0", {
        addresses: [inet("192.168.0.86", 24, { broadcast: "192.168.0.255" })],
      }),
      lo: iface("lo", {
        addresses: [inet("123.123.123.123", 32, { broadcast: "123.123.123.255" })],
      }),
    },
    ipmp: [
      ipmpIface("bge2", {
        addresses: [{ ...ifconfigAddr("10.888.999.133", "10.225.228.143"), prefix: 28 }],
      }),
    ],
  });
  assert.deepEqual(rule.check(s), []);
});
