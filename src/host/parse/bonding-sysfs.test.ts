import assert from "node:assert/strict";
import { test } from "node:test";
import { CORPUS, listFiles, readCorpus } from "../../../test/support/paths.js";
import { parseBondingSysfs } from "./bonding-sysfs.js";

/** The files under sys/class/net/<bond>/ of one corpus tree, keyed as the reader keys them. */
function bondFiles(tree: string, bond: string): Record<string, string> {
  const base = `sysfs/${tree}/sys/class/net/${bond}`;
  const files: Record<string, string> = {};
  for (const rel of listFiles(`${CORPUS}/${base}`)) files[rel] = readCorpus(`${base}/${rel}`);
  return files;
}

test("parseBondingSysfs reads node_exporter's int bond with eth1 MII down", () => {
  const { value, problems } = parseBondingSysfs(
    bondFiles("node_exporter", "int"),
    "int",
    "sys/class/net/int",
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(
    value.slaves.map((s) => [s.name, s.miiStatus]),
    [
      ["eth5", "up"],
      ["eth1", "down"],
    ],
  );
  assert.equal(
    value.slaves[1]?.ev.miiStatus?.file,
    "sys/class/net/int/slave_eth1/bonding_slave/mii_status",
  );
});

test("parseBondingSysfs reads node_exporter's bond0 with no slaves", () => {
  const { value } = parseBondingSysfs(
    bondFiles("node_exporter", "bond0"),
    "bond0",
    "sys/class/net/bond0",
  );
  assert.deepEqual(value.slaves, []);
});

test("parseBondingSysfs reads ncollectd's bond0 with both slaves up", () => {
  const { value } = parseBondingSysfs(bondFiles("ncollectd-test01", "bond0"), "bond0", "d");
  assert.deepEqual(
    value.slaves.map((s) => `${s.name}:${s.miiStatus}`),
    ["eno1:up", "eno2:up"],
  );
});

test("parseBondingSysfs flags telegraf's mode file whose name and number disagree", () => {
  const { value, problems } = parseBondingSysfs(
    bondFiles("telegraf-test", "bondLACP"),
    "bondLACP",
    "d",
  );
  assert.equal(value.mode, "802.3ad");
  assert.equal(value.ad?.activeAggregator?.ports, 2);
  assert.deepEqual(
    value.slaves.map((s) => s.name),
    ["eth0", "eth1"],
  );
  assert.equal(problems.length, 1);
  assert.match(problems[0]?.message ?? "", /"802.3ad" and number 5 disagree/);
});

test("parseBondingSysfs reads a full 802.3ad tree with per-slave LACP states", () => {
  const files = {
    "bonding/mode": "802.3ad 4\n",
    "bonding/slaves": "eno1 eno2\n",
    "bonding/miimon": "100\n",
    "bonding/fail_over_mac": "none 0\n",
    "bonding/lacp_rate": "fast 1\n",
    "bonding/ad_partner_mac": "00:00:00:00:00:00\n",
    "bonding/ad_aggregator": "1\n",
    "lower_eno1/bonding_slave/mii_status": "up\n",
    "lower_eno1/bonding_slave/ad_aggregator_id": "1\n",
    "lower_eno1/bonding_slave/ad_actor_oper_port_state": "71\n",
    "lower_eno1/bonding_slave/ad_partner_oper_port_state": "1\n",
    "lower_eno2/bonding_slave/mii_status": "up\n",
    "lower_eno2/bonding_slave/ad_aggregator_id": "2\n",
  };
  const { value, problems } = parseBondingSysfs(files, "bond0", "sys/class/net/bond0");
  assert.deepEqual(problems, []);
  assert.equal(value.miimon, 100);
  assert.equal(value.failOverMac, "none");
  assert.equal(value.ad?.lacpRate, "fast");
  assert.equal(value.ad?.activeAggregator?.partnerMac, "00:00:00:00:00:00");
  assert.equal(value.slaves[0]?.actor?.state?.defaulted, true);
  assert.deepEqual(
    value.slaves.map((s) => s.aggregatorId),
    [1, 2],
  );
});
