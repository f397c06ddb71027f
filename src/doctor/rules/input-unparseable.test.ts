import assert from "node:assert/strict";
import { test } from "node:test";
import { snapshot } from "../../../test/support/builders.js";
import { ParseError } from "../../host/model.js";
import { rule, subjectOf } from "./input-unparseable.js";

test("input-unparseable turns each parse error into a finding with file, line and text", () => {
  const problems = [
    new ParseError(
      "etc/sysconfig/network-scripts/ifcfg-bond0",
      7,
      "unterminated quote",
      'BONDING_OPTS="mode=4 miimon=100',
    ),
    new ParseError("etc/netplan/50-cloud-init.yaml", 0, "not YAML"),
  ];
  const found = rule.check(snapshot({ root: "/tmp/sosreport-host1", problems }));
  assert.equal(found.length, 2);
  const [f, g] = found;
  assert.equal(f?.severity, "warning");
  assert.equal(f?.subject, "bond0");
  assert.equal(
    f?.title,
    "could not read etc/sysconfig/network-scripts/ifcfg-bond0 line 7: unterminated quote",
  );
  assert.deepEqual(f?.evidence, [
    {
      file: "etc/sysconfig/network-scripts/ifcfg-bond0",
      line: 7,
      text: 'BONDING_OPTS="mode=4 miimon=100',
    },
  ]);
  assert.equal(
    f?.fix[0],
    "sed -n '7p' /tmp/sosreport-host1/etc/sysconfig/network-scripts/ifcfg-bond0",
  );
  assert.match(f?.explanation ?? "", /other rules still ran/);
  assert.equal(g?.subject, "etc/netplan/50-cloud-init.yaml");
  assert.equal(g?.fix[0], "head -n 20 /tmp/sosreport-host1/etc/netplan/50-cloud-init.yaml");
});

test("input-unparseable is silent when every file parsed", () => {
  assert.deepEqual(rule.check(snapshot()), []);
});

test("subjectOf names the bond or interface a file is about", () => {
  assert.equal(subjectOf("proc/net/bonding/bond1"), "bond1");
  assert.equal(subjectOf("etc/hostname.ge0"), "ge0");
  assert.equal(subjectOf("sys/class/net/eno1/bonding_slave/state"), "eno1");
  assert.equal(
    subjectOf("sos_commands/networking/ip_-d_address"),
    "sos_commands/networking/ip_-d_address",
  );
});
