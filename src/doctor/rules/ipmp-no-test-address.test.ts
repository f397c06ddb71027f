import assert from "node:assert/strict";
import { test } from "node:test";
import { ev, ipmpIface, snapshot } from "../../../test/support/builders.js";
import { rule } from "./ipmp-no-test-address.js";

const addr = (address: string, t = false) => ({
  address,
  prefix: 24,
  test: t,
  source: ev(`inet ${address} netmask ffffff00`),
});

test("ipmp-no-test-address warns about a group member with only a data address", () => {
  const s = snapshot({
    ipmp: [
      ipmpIface("ge0", { group: "g", addresses: [addr("192.168.0.86")] }),
      ipmpIface("ge0:1", { noFailover: true, addresses: [addr("192.168.0.87", true)] }),
      ipmpIface("ge1", { group: "g", addresses: [addr("192.168.0.88")] }),
    ],
  });
  const [f, ...rest] = rule.check(s);
  assert.equal(rest.length, 0, "ge0 has its test address on ge0:1");
  assert.equal(f?.severity, "warning");
  assert.equal(f?.subject, "ge1");
  assert.match(f?.title ?? "", /ge1 in IPMP group g has no test address/);
  assert.match(f?.fix[0] ?? "", /^ifconfig ge1 addif .* deprecated -failover/);
});

test("ipmp-no-test-address accepts a -failover flag or a test address, and ignores ungrouped NICs", () => {
  const s = snapshot({
    ipmp: [
      ipmpIface("bge2", { group: "inner-prod", flags: ["-failover"], origin: "hostname-file" }),
      ipmpIface("bge3", { group: "inner-prod", addresses: [addr("10.0.0.4", true)] }),
      ipmpIface("e1000g0", { addresses: [addr("10.0.0.5")] }),
    ],
  });
  assert.deepEqual(rule.check(s), []);
});
