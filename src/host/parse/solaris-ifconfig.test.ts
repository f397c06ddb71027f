import assert from "node:assert/strict";
import { test } from "node:test";
import { readCorpus, readRepoFile } from "../../../test/support/paths.js";
import { decodeSolarisFlags, parseSolarisIfconfig } from "./solaris-ifconfig.js";

test("parseSolarisIfconfig reads the active-standby pair: bge3 standby and inactive in group inner-prod", () => {
  const file = "ipmp/soniah-solaris10-ifconfig-bge2-bge3-active-standby.txt";
  const { value, problems } = parseSolarisIfconfig(readCorpus(file), file);
  assert.deepEqual(problems, []);
  const bge3 = value.find((i) => i.name === "bge3");
  assert.equal(bge3?.group, "inner-prod");
  assert.equal(bge3?.standby, true);
  assert.equal(bge3?.inactive, true);
  assert.equal(bge3?.addresses[0]?.test, true, "NOFAILOVER: a test address");
  assert.equal(bge3?.addresses[0]?.address, "10.888.999.134", "anonymised address kept as text");
  assert.equal(bge3?.addresses[0]?.prefix, 28);
  assert.equal(bge3?.mac, undefined, "anonymised MAC 0:xx:xx:xx:xx:xx is not a MAC");
});

test("parseSolarisIfconfig reads incident 001: ge1 in another group and the shared MAC", () => {
  const file = "examples/001-ipmp-standby-wrong-group/sos_commands/networking/ifconfig_-a";
  const { value } = parseSolarisIfconfig(readRepoFile(file), file);
  assert.deepEqual(
    value.map((i) => [i.name, i.group]),
    [
      ["ge0", "testgrp2"],
      ["ge0:1", "testgrp2"],
      ["ge1", "testgrp1"],
    ],
  );
  assert.equal(value[0]?.mac, "08:00:20:c0:ff:ec");
  assert.equal(value[2]?.mac, "08:00:20:c0:ff:ec");
  assert.equal(value[1]?.addresses[0]?.broadcast, "192.169.0.255");
  assert.equal(value[1]?.addresses[0]?.test, true);
  assert.equal(value[0]?.addresses[0]?.test, false);
});

test("decodeSolarisFlags decodes hex flags when the names are missing", () => {
  assert.deepEqual(decodeSolarisFlags("69040843"), [
    "UP",
    "BROADCAST",
    "RUNNING",
    "MULTICAST",
    "DEPRECATED",
    "IPv4",
    "NOFAILOVER",
    "STANDBY",
    "INACTIVE",
  ]);
  const { value } = parseSolarisIfconfig(
    "ge0:1: flags=9040843\nmtu 1500 index 6\ninet 192.168.0.87 netmask ffffff00 broadcast 192.169.0.255\n",
    "f",
  );
  assert.equal(value[0]?.noFailover, true);
  assert.equal(value[0]?.addresses[0]?.prefix, 24);
});

test("parseSolarisIfconfig reports stray lines and skips loopback", () => {
  const { value, problems } = parseSolarisIfconfig(
    "lo0: flags=2001000849<UP,LOOPBACK,RUNNING> mtu 8232 index 1\n\tinet 127.0.0.1 netmask ff000000\nnonsense here\n",
    "f",
  );
  assert.deepEqual(value, []);
  assert.equal(problems.length, 1);
});
