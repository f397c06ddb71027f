import assert from "node:assert/strict";
import { test } from "node:test";
import { movePlan, rulePlan, subnetOf } from "./move-plan.js";

test("a move adds before it removes, and points the address's table at the new member", () => {
  assert.deepEqual(movePlan("10.0.0.50/24", "eth0", "eth1", { table: 1000, gateway: "10.0.0.1" }), [
    ["ip", "address", "add", "10.0.0.50/24", "dev", "eth1"],
    ["ip", "route", "replace", "10.0.0.0/24", "dev", "eth1", "src", "10.0.0.50", "table", "1000"],
    ["ip", "route", "replace", "default", "via", "10.0.0.1", "dev", "eth1", "table", "1000"],
    ["ip", "route", "flush", "cache"],
    ["ip", "address", "del", "10.0.0.50/24", "dev", "eth0"],
  ]);
});

test("IPv6 moves use -6", () => {
  const plan = movePlan("fd00::50/64", "eth0", "eth1", { table: 1001 });
  assert.deepEqual(plan[0], ["ip", "-6", "address", "add", "fd00::50/64", "dev", "eth1"]);
  assert.equal(plan.length, 4, "no gateway, no default route");
});

test("the rule that sends traffic from the address to its table", () => {
  assert.deepEqual(rulePlan("10.0.0.50/24", 1000), [
    "ip",
    "rule",
    "add",
    "from",
    "10.0.0.50",
    "lookup",
    "1000",
    "pref",
    "1000",
  ]);
  assert.deepEqual(rulePlan("fd00::50/64", 1001).slice(0, 3), ["ip", "-6", "rule"]);
});

test("subnets", () => {
  assert.equal(subnetOf("10.77.0.50/24"), "10.77.0.0/24");
  assert.equal(subnetOf("192.168.7.129/25"), "192.168.7.128/25");
  assert.equal(subnetOf("10.0.0.1/0"), "0.0.0.0/0");
  assert.equal(subnetOf("fd00::50/64"), "fd00::50/64");
});
