import assert from "node:assert/strict";
import { test } from "node:test";
import { ev, ipmpIface, snapshot } from "../../../test/support/builders.js";
import { rule } from "./ipmp-shared-mac.js";

const member = (name: string, mac: string, group = "testgrp2") =>
  ipmpIface(name, { group, mac, ev: { mac: ev(`ether ${mac}`, 4) } });

test("ipmp-shared-mac is critical when group members share a MAC (incident 001's output)", () => {
  const s = snapshot({
    ipmp: [member("ge0", "8:0:20:c0:ff:ec"), member("ge1", "8:0:20:c0:ff:ec")],
  });
  const [f, ...rest] = rule.check(s);
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "critical");
  assert.equal(f?.subject, "testgrp2");
  assert.match(f?.title ?? "", /ge0 and ge1 in IPMP group testgrp2 share MAC 08:00:20:c0:ff:ec/);
  assert.equal(f?.fix[0], "eeprom 'local-mac-address?=true'");
  assert.deepEqual(
    f?.evidence.map((e) => e.text),
    ["ether 8:0:20:c0:ff:ec", "ether 8:0:20:c0:ff:ec"],
  );
});

test("ipmp-shared-mac is silent for unique MACs and anonymised MACs", () => {
  const s = snapshot({
    ipmp: [
      member("ge0", "8:0:20:c0:ff:ec"),
      member("ge1", "8:0:20:c0:ff:ed"),
      member("bge2", "0:xx:xx:xx:xx:xx", "inner-prod"),
      member("bge3", "0:xx:xx:xx:xx:xx", "inner-prod"),
    ],
  });
  assert.deepEqual(rule.check(s), []);
});

test("ipmp-shared-mac fires for one MAC in two different groups (incident 001)", () => {
  const s = snapshot({
    ipmp: [
      member("ge0", "8:0:20:c0:ff:ec", "testgrp2"),
      member("ge1", "8:0:20:c0:ff:ec", "testgrp1"),
    ],
  });
  const [f] = rule.check(s);
  assert.match(
    f?.title ?? "",
    /ge0 and ge1 in IPMP groups testgrp2, testgrp1 share MAC 08:00:20:c0:ff:ec/,
  );
});
