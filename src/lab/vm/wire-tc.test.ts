import assert from "node:assert/strict";
import { test } from "node:test";
import {
  FAULT_PRIOS,
  lacpDropArgv,
  macFilterArgv,
  restoreArgv,
  silentDropArgv,
  upstreamDeadArgv,
  WIRE_PRIO,
  wireArgv,
} from "./wire-tc.js";

const prioOf = (argv: string[]) => Number(argv[argv.indexOf("prio") + 1]);
const target = (argv: string[]) => argv.at(-1);

test("wireArgv adds an ingress qdisc and redirects every frame to the other tap", () => {
  const [qdisc, filter] = wireArgv("lg-x1-t0", "lg-x1-t2");
  assert.deepEqual(qdisc, ["tc", "qdisc", "add", "dev", "lg-x1-t0", "ingress"]);
  assert.equal(target(filter ?? []), "lg-x1-t2");
  assert.equal(prioOf(filter ?? []), WIRE_PRIO);
});

test("fault filters come before the wire's own and send what is lost to the blackhole", () => {
  for (const argv of [...silentDropArgv("t0", "bh"), ...lacpDropArgv("t0", "bh")]) {
    assert.ok(prioOf(argv) < WIRE_PRIO);
    assert.equal(target(argv), "bh");
  }
  const [lacp] = lacpDropArgv("t0", "bh");
  assert.equal(lacp?.[lacp.indexOf("protocol") + 1], "0x8809");
});

test("macFilterArgv passes the assigned MAC first and sends the rest to the blackhole", () => {
  const rules = macFilterArgv("nic", "peer", "52:54:00:4c:00:01", "bh");
  const fromNic = rules.filter((r) => r[4] === "nic").sort((a, b) => prioOf(a) - prioOf(b));
  assert.deepEqual(fromNic.map(target), ["peer", "bh"]);
  assert.ok(fromNic[0]?.join(" ").includes("ether src 52:54:00:4c:00:01"));
  const toNic = rules.filter((r) => r[4] === "peer").sort((a, b) => prioOf(a) - prioOf(b));
  assert.deepEqual(toNic.map(target), ["nic", "nic", "bh"]);
  assert.ok(rules.every((r) => FAULT_PRIOS.includes(prioOf(r) as 1)));
  assert.throws(() => macFilterArgv("nic", "peer", "52:54:00:4c:00", "bh"), /bad MAC/);
});

test("restoreArgv deletes every fault priority and leaves the wire's", () => {
  const prios = restoreArgv("t0").map(prioOf);
  assert.deepEqual(prios, [...FAULT_PRIOS]);
  assert.ok(!(prios as number[]).includes(WIRE_PRIO));
});

test("upstreamDeadArgv loses everything from the NIC and lets only the neighbour reach it", () => {
  const rules = upstreamDeadArgv("nic", "peer", "52:54:00:4c:bb:01", "bh");
  assert.deepEqual(rules.filter((r) => r[4] === "nic").map(target), ["bh"]);
  const toNic = rules.filter((r) => r[4] === "peer").sort((a, b) => prioOf(a) - prioOf(b));
  assert.deepEqual(toNic.map(target), ["nic", "bh"]);
  assert.ok(toNic[0]?.join(" ").includes("ether src 52:54:00:4c:bb:01"));
});
