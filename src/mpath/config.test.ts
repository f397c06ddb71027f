import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "../config/config.js";
import { engineConfig, parseMpathConfig, probeIntervalMs } from "./config.js";

const parse = (text: string) =>
  parseMpathConfig(parseConfig(text, "lg.yaml").mpath, text, "lg.yaml");

test("a group with data addresses per home member, in.mpathd's probe spacing", () => {
  const c = parse(`mpath:
  groups:
    - name: web
      members: [eth0, eth1]
      standby: [eth1]
      data_addresses: { eth0: [10.0.0.50/24, "fd00::50/64"] }
      failure_detection_ms: 700
`);
  const g = c.groups[0];
  assert.ok(g);
  assert.equal(probeIntervalMs(g), 100);
  assert.deepEqual(engineConfig(g, true).dataAddresses, [
    { address: "10.0.0.50/24", home: "eth0" },
    { address: "fd00::50/64", home: "eth0" },
  ]);
  assert.equal(g.failback, true);
  assert.equal(g.repair_probes, 10);
});

test("incident 001's mistake: a standby that is not in the group is refused, with the line", () => {
  assert.throws(
    () =>
      parse(`mpath:
  groups:
    - name: testgrp2
      members: [ge0]
      standby: [ge1]
`),
    /lg\.yaml:5: mpath\.groups\.0\.standby: standby ge1 is not a member of testgrp2 \(a standby in another group can never take over\)/,
  );
});

test("one interface in two groups, and a data address on a non-member, are refused", () => {
  assert.throws(
    () =>
      parse(
        "mpath:\n  groups:\n    - { name: a, members: [eth0] }\n    - { name: b, members: [eth0] }\n",
      ),
    /eth0 is already a member of group a/,
  );
  assert.throws(
    () =>
      parse(
        "mpath:\n  groups:\n    - { name: a, members: [eth0], data_addresses: { eth9: [10.0.0.5/24] } }\n",
      ),
    /eth9 is not a member of a/,
  );
  assert.throws(
    () =>
      parse(
        "mpath:\n  groups:\n    - { name: a, members: [eth0], data_addresses: { eth0: [10.0.0.5] } }\n",
      ),
    /an address with a prefix/,
  );
});
