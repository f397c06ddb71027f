import assert from "node:assert/strict";
import { test } from "node:test";
import { readCorpus, readRepoFile } from "../../../test/support/paths.js";
import { parseSolarisHostname } from "./solaris-hostname.js";

test("parseSolarisHostname reads a test address and an addif data address in group inner-prod", () => {
  const file = "config/solaris/soniah-active-standby/hostname.bge2";
  const { value, problems } = parseSolarisHostname(readCorpus(file), file, "bge2");
  assert.deepEqual(problems, []);
  assert.deepEqual(
    value.map((i) => [
      i.name,
      i.group,
      i.noFailover,
      i.addresses[0]?.address,
      i.addresses[0]?.test,
    ]),
    [
      ["bge2", "inner-prod", true, "10.888.999.133", true],
      ["bge2:1", "inner-prod", false, "10.888.999.132", false],
    ],
  );
});

test("parseSolarisHostname reads the standby in incident 001's wrong group", () => {
  const file = "examples/001-ipmp-standby-wrong-group/etc/hostname.ge1";
  const [ge1] = parseSolarisHostname(readRepoFile(file), file, "ge1").value;
  assert.equal(ge1?.group, "testgrp1");
  assert.equal(ge1?.standby, true);
  assert.equal(ge1?.addresses[0]?.test, true);
});

test("parseSolarisHostname keeps a literal broadcast across a backslash continuation", () => {
  const file = "examples/001-ipmp-standby-wrong-group/etc/hostname.ge0";
  const { value } = parseSolarisHostname(readRepoFile(file), file, "ge0");
  assert.equal(value.length, 2);
  assert.equal(value[1]?.addresses[0]?.broadcast, "192.169.0.255");
  assert.equal(value[1]?.addresses[0]?.source.line, 2);
  assert.equal(value[1]?.group, "testgrp2");
});

test("parseSolarisHostname reports an unknown argument and an empty file gives nothing", () => {
  const r = parseSolarisHostname("10.0.0.1 frobnicate up\n", "f", "e1000g0");
  assert.equal(r.problems.length, 1);
  assert.deepEqual(parseSolarisHostname("", "f", "x").value, []);
});
