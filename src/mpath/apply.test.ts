import assert from "node:assert/strict";
import { test } from "node:test";
import { CommandError } from "../host/exec.js";
import type { Announcer } from "./announce.js";
import { type ApplyOptions, moveAddress } from "./apply.js";
import type { IpTransport } from "./transport.js";

/**
 * A kernel behind a fake transport: each command takes 1 ms of a counted clock, address add
 * and del change the devices' addresses, and `fails` says which commands fail and with what.
 * The log is what reached the kernel and the announcer, in order.
 */
function rig(
  o: {
    fails?: (argv: string[]) => string | null;
    breaks?: boolean;
    instant?: boolean;
    sent?: boolean | "throws";
    start?: Record<string, string[]>;
  } = {},
) {
  let t = 100;
  const log: string[] = [];
  const addrs = new Map(Object.entries(o.start ?? { eth0: ["10.0.0.50", "fd00::50"], eth1: [] }));
  const transport: IpTransport = {
    async exec(commands) {
      if (o.breaks) throw new CommandError(["stdbuf", "ip", "-batch"], null, "it exited");
      const failed: CommandError[] = [];
      for (const argv of commands) {
        t += 1;
        log.push(argv.join(" "));
        const err = o.fails?.(argv);
        if (err) {
          failed.push(new CommandError(argv, "batch line 1", err));
          continue;
        }
        const [verb, cidr, , dev] = argv.slice(argv.indexOf("address") + 1);
        if (!argv.includes("address") || !cidr || !dev) continue;
        const ip = cidr.split("/")[0] as string;
        const list = addrs.get(dev) ?? [];
        if (verb === "add") addrs.set(dev, [...list, ip]);
        if (verb === "del")
          addrs.set(
            dev,
            list.filter((x) => x !== ip),
          );
      }
      return failed;
    },
  };
  const announcer: Announcer = {
    instant: o.instant ?? true,
    async fire() {
      t += 1;
      log.push("announce");
      if (o.sent === "throws") throw new Error("sendto: No such device");
      return o.sent ?? true;
    },
    repeat: (n) => log.push(`repeat ${n}`),
    close: () => undefined,
  };
  const io = {
    transport,
    announcer,
    addressesOf: async (d: string) => addrs.get(d) ?? [],
    now: () => t,
  };
  return { log, io, on: (dev: string) => addrs.get(dev) ?? [] };
}

const opts: ApplyOptions = { dryRun: false, announceCount: 3, table: 1000, gateway: "10.0.0.1" };

test("a move adds, announces at once, points the routes, then deletes from the old member", async () => {
  const r = rig();
  const res = await moveAddress("10.0.0.50/24", "eth0", "eth1", opts, r.io);
  assert.equal(res.ok, true, res.reason);
  assert.deepEqual(r.log, [
    "ip address add 10.0.0.50/24 dev eth1",
    "announce",
    "ip route replace 10.0.0.0/24 dev eth1 src 10.0.0.50 table 1000",
    "ip route replace default via 10.0.0.1 dev eth1 table 1000",
    "ip route flush cache",
    "ip address del 10.0.0.50/24 dev eth0",
    "repeat 2",
  ]);
  assert.deepEqual(r.on("eth1"), ["10.0.0.50"]);
  assert.equal(res.announced, true);
  assert.deepEqual(res.steps, { added: 1, announced: 2, routed: 5 });
  assert.equal(res.ms, 6);
  assert.equal(res.commands.length, 5, "the commands run, for the record");
});

test("an announcement that needs a process to start is fired before the address add", async () => {
  const r = rig({ instant: false });
  await moveAddress("10.0.0.50/24", "eth0", "eth1", opts, r.io);
  assert.deepEqual(r.log.slice(0, 2), ["announce", "ip address add 10.0.0.50/24 dev eth1"]);
});

test("an address add that fails stops the move: nothing else runs, the command and its stderr are kept", async () => {
  const r = rig({
    fails: (a) => (a.includes("add") ? "RTNETLINK answers: Operation not permitted" : null),
  });
  const res = await moveAddress("10.0.0.50/24", "eth0", "eth1", opts, r.io);
  assert.equal(res.ok, false);
  assert.deepEqual(r.log, ["ip address add 10.0.0.50/24 dev eth1"]);
  assert.deepEqual(res.failure, {
    argv: ["ip", "address", "add", "10.0.0.50/24", "dev", "eth1"],
    code: "batch line 1",
    stderr: "RTNETLINK answers: Operation not permitted",
  });
  assert.match(res.reason, /Operation not permitted/);
  assert.deepEqual(r.on("eth0"), ["10.0.0.50", "fd00::50"], "the address stays where it was");
  assert.equal(res.announced, false);
});

test("an address already on the new member (File exists) is not a failure", async () => {
  const r = rig({
    fails: (a) => (a.includes("add") ? "RTNETLINK answers: File exists" : null),
    start: { eth0: ["10.0.0.50"], eth1: ["10.0.0.50"] },
  });
  const res = await moveAddress("10.0.0.50/24", "eth0", "eth1", opts, r.io);
  assert.equal(res.ok, true, res.reason);
  assert.equal(res.failure, undefined);
});

test("a route that fails fails the move, naming the route command, but the move is carried to its end", async () => {
  const r = rig({
    fails: (a) => (a.includes("default") ? "Error: Nexthop has invalid gateway." : null),
  });
  const res = await moveAddress("10.0.0.50/24", "eth0", "eth1", opts, r.io);
  assert.equal(res.ok, false);
  assert.deepEqual(res.failure?.argv, [
    "ip",
    "route",
    "replace",
    "default",
    "via",
    "10.0.0.1",
    "dev",
    "eth1",
    "table",
    "1000",
  ]);
  assert.match(res.failure?.stderr ?? "", /invalid gateway/);
  assert.match(res.reason, /^ip route replace default via 10\.0\.0\.1 .*: Error: Nexthop/);
  // The address stays on the new member (taking it back would lengthen the outage).
  assert.ok(r.log.includes("ip address del 10.0.0.50/24 dev eth0"));
  assert.ok(r.log.includes("ip route flush cache"), "the other route commands still ran");
  assert.equal(res.announced, true);
});

test("a transport that breaks (the ip session died) fails the move with its error", async () => {
  const r = rig({ breaks: true });
  const res = await moveAddress("10.0.0.50/24", "eth0", "eth1", opts, r.io);
  assert.equal(res.ok, false);
  assert.match(res.reason, /it exited/);
  assert.deepEqual(res.failure?.argv, ["stdbuf", "ip", "-batch"]);
});

test("an announcement that did not leave is said; the move itself is done", async () => {
  for (const sent of [false, "throws"] as const) {
    const r = rig({ sent });
    const res = await moveAddress("10.0.0.50/24", "eth0", "eth1", opts, r.io);
    assert.equal(res.ok, true, res.reason);
    assert.equal(res.announced, false, `fire() ${String(sent)}`);
    assert.deepEqual(r.on("eth1"), ["10.0.0.50"]);
  }
});

test("a dry run returns the plan, with the announcement as the arping that would send it, and runs nothing", async () => {
  const r = rig();
  const res = await moveAddress("10.0.0.50/24", "eth0", "eth1", { ...opts, dryRun: true }, r.io);
  assert.deepEqual(r.log, []);
  assert.equal(res.ok, true);
  assert.equal(res.reason, "dry run: nothing changed");
  assert.deepEqual(res.commands.slice(0, 2), [
    ["ip", "address", "add", "10.0.0.50/24", "dev", "eth1"],
    ["arping", "-U", "-c", "1", "-w", "1", "-I", "eth1", "10.0.0.50"],
  ]);
  assert.equal(res.commands.length, 6);
  const silent = await moveAddress(
    "10.0.0.50/24",
    "eth0",
    "eth1",
    { ...opts, dryRun: true, announceCount: 0 },
    r.io,
  );
  assert.ok(!silent.commands.some((c) => c[0] === "arping"), "announce_count 0 announces nothing");
});

test("IPv6 moves use ip -6 and send no ARP: the kernel's unsolicited NA announces", async () => {
  const r = rig();
  const res = await moveAddress(
    "fd00::50/64",
    "eth0",
    "eth1",
    { ...opts, gateway: "fd00::1" },
    r.io,
  );
  assert.equal(res.ok, true, res.reason);
  assert.ok(!r.log.some((l) => l === "announce" || l.startsWith("repeat")), r.log.join("; "));
  assert.equal(r.log[0], "ip -6 address add fd00::50/64 dev eth1");
  assert.ok(r.log.every((l) => l.startsWith("ip -6 ")));
  assert.equal(res.announced, true);
});

test("IPv6 addresses read back in another spelling still count", async () => {
  const r = rig({ start: { eth0: [], eth1: ["fd00:0:0::50"] } });
  const res = await moveAddress("fd00::50/64", "eth0", "eth1", opts, r.io);
  assert.equal(res.ok, true, res.reason);
});

test("a move whose commands all succeed but whose address is not on the new member failed", async () => {
  const r = rig();
  const res = await moveAddress("10.0.0.50/24", "eth0", "eth1", opts, {
    ...r.io,
    addressesOf: async (dev) => (dev === "eth0" ? ["10.0.0.50"] : []),
  });
  assert.equal(res.ok, false);
  assert.match(res.reason, /10\.0\.0\.50 is not on eth1 after the move/);
});

test("a move read back on both members is done, and says the old one still has it", async () => {
  const r = rig();
  const res = await moveAddress("10.0.0.50/24", "eth0", "eth1", opts, {
    ...r.io,
    addressesOf: async () => ["10.0.0.50"],
  });
  assert.equal(res.ok, true);
  assert.match(res.reason, /still on eth0/);
});

test("a move whose read-back itself fails is not reported as done", async () => {
  const r = rig();
  const res = await moveAddress("10.0.0.50/24", "eth0", "eth1", opts, {
    ...r.io,
    addressesOf: async () => {
      throw new Error("ip: Cannot find device");
    },
  });
  assert.equal(res.ok, false);
  assert.match(res.reason, /could not read eth1's addresses back/);
});
