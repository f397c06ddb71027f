import assert from "node:assert/strict";
import { after, test } from "node:test";
import { fakeIp } from "../../test/support/fake-ip.js";
import { type ApplyOptions, moveAddress, movePlan, rulePlan, subnetOf } from "./apply.js";
import { IpSession } from "./fast-exec.js";

const fake = fakeIp();
after(() => fake.remove());

/** A live move through the fake `ip`; `onNew` is what reading the new member back finds. */
function liveMove(to: string, addressesOf: ApplyOptions["addressesOf"], gateway?: string) {
  const ip = new IpSession([fake.path, "-force", "-batch", "-"]);
  return moveAddress("10.0.0.50/24", "eth0", to, {
    dryRun: false,
    announceCount: 0,
    table: 1000,
    fast: { ip },
    ...(gateway && { gateway }),
    ...(addressesOf && { addressesOf }),
  }).finally(() => ip.close());
}

test("a move adds before it removes, and points the address's table at the new member", () => {
  assert.deepEqual(
    movePlan("10.0.0.50/24", "eth0", "eth1", {
      dryRun: true,
      announceCount: 3,
      table: 1000,
      gateway: "10.0.0.1",
    }),
    [
      ["ip", "address", "add", "10.0.0.50/24", "dev", "eth1"],
      ["ip", "route", "replace", "10.0.0.0/24", "dev", "eth1", "src", "10.0.0.50", "table", "1000"],
      ["ip", "route", "replace", "default", "via", "10.0.0.1", "dev", "eth1", "table", "1000"],
      ["ip", "route", "flush", "cache"],
      ["ip", "address", "del", "10.0.0.50/24", "dev", "eth0"],
    ],
  );
});

test("IPv6 moves use -6", () => {
  const plan = movePlan("fd00::50/64", "eth0", "eth1", {
    dryRun: true,
    announceCount: 0,
    table: 1001,
  });
  assert.deepEqual(plan[0], ["ip", "-6", "address", "add", "fd00::50/64", "dev", "eth1"]);
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
});

test("subnets", () => {
  assert.equal(subnetOf("10.77.0.50/24"), "10.77.0.0/24");
  assert.equal(subnetOf("192.168.7.129/25"), "192.168.7.128/25");
  assert.equal(subnetOf("10.0.0.1/0"), "0.0.0.0/0");
});

test("a move whose address add fails is a failed move, with the command, its code and stderr", async () => {
  const res = await liveMove("bad0", async () => ["10.0.0.50"]);
  assert.equal(res.ok, false);
  assert.deepEqual(res.failure?.argv, ["ip", "address", "add", "10.0.0.50/24", "dev", "bad0"]);
  assert.match(String(res.failure?.code), /^batch line \d+$/);
  assert.match(res.failure?.stderr ?? "", /Operation not permitted/);
  assert.match(res.reason, /Operation not permitted/);
});

test("a move whose commands all succeed but whose address is not on the new member failed", async () => {
  const res = await liveMove("eth1", async (dev) => (dev === "eth0" ? ["10.0.0.50"] : []));
  assert.equal(res.ok, false);
  assert.match(res.reason, /10\.0\.0\.50 is not on eth1 after the move/);
});

test("a move read back on the new member is done; still on the old one is said", async () => {
  const done = await liveMove("eth1", async (dev) => (dev === "eth1" ? ["10.0.0.50"] : []));
  assert.equal(done.ok, true);
  assert.equal(done.reason, "");
  const both = await liveMove("eth1", async () => ["10.0.0.50"]);
  assert.equal(both.ok, true);
  assert.match(both.reason, /still on eth0/);
});

test("a move whose read-back itself fails is not reported as done", async () => {
  const res = await liveMove("eth1", async () => {
    throw new Error("ip: Cannot find device");
  });
  assert.equal(res.ok, false);
  assert.match(res.reason, /could not read eth1's addresses back/);
});

test("a move whose route change fails is a failed move naming the route command", async () => {
  // The fake fails every line that names bad0: here only the default route's "via".
  const res = await liveMove("eth1", async () => ["10.0.0.50"], "bad0");
  assert.equal(res.ok, false);
  assert.deepEqual(res.failure?.argv, [
    "ip",
    "route",
    "replace",
    "default",
    "via",
    "bad0",
    "dev",
    "eth1",
    "table",
    "1000",
  ]);
});
