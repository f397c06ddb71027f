import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "../config/config.js";
import { ManualClock } from "../lib/clock.js";
import type { Announcer } from "./announce.js";
import { moveAddress } from "./apply.js";
import { parseMpathConfig } from "./config.js";
import { GroupRunner, type ProbeCallbacks } from "./group-runner.js";
import { Groups } from "./groups.js";
import type { MpathRecord, MpathStatusFile, PathStats } from "./status.js";
import { StatusWriter } from "./status-writer.js";
import { batchTransport, type IpBatch } from "./transport.js";

// A group "web" over eth0 and eth1 probing 10.0.0.1, its address homed on eth0; probes every
// 100 ms (700 / 7), no jitter so that each path's spacing is the interval itself.
const CONFIG = `mpath:
  groups:
    - name: web
      members: [eth0, eth1]
      data_addresses: { eth0: [10.0.0.50/24] }
      targets: [10.0.0.1]
      failure_detection_ms: 700
      probe_jitter: false
      announce_count: 1
`;

/**
 * A kernel of addresses per device, changed only by the `ip -batch` commands of the moves;
 * `refuse` names the commands it fails, with what `ip` would print.
 */
function fakeKernel(start: Record<string, string[]>, refuse?: (c: string[]) => string | null) {
  const addrs = new Map(Object.entries(start));
  const batches: string[][][] = [];
  let gate: Promise<void> = Promise.resolve();
  const ip: IpBatch = {
    async exec(commands) {
      await gate;
      batches.push(commands);
      const failures = commands.flatMap((c, i) => {
        const why = refuse?.(c);
        return why ? [{ args: c, line: i + 1, messages: [why] }] : [];
      });
      if (failures.length) return { id: 0, commands, failures, notes: [], output: "" };
      for (const c of commands) {
        const [obj, verb, cidr, , dev] = c;
        if (obj !== "address" || !dev || !cidr) continue;
        const ip = cidr.split("/")[0] as string;
        const list = addrs.get(dev) ?? [];
        if (verb === "add" && !list.includes(ip)) addrs.set(dev, [...list, ip]);
        if (verb === "del")
          addrs.set(
            dev,
            list.filter((x) => x !== ip),
          );
      }
      return { id: 0, commands, failures: [], notes: [], output: "" };
    },
  };
  return {
    ip,
    batches,
    on: (dev: string) => addrs.get(dev) ?? [],
    addressesOf: async (dev: string) => addrs.get(dev) ?? [],
    /** Holds every batch until `release` is called: a move under way. */
    hold() {
      let release: () => void = () => undefined;
      gate = new Promise((r) => {
        release = r;
      });
      return release;
    },
  };
}

function harness(refuse?: (c: string[]) => string | null) {
  const text = CONFIG;
  const cfg = parseMpathConfig(parseConfig(text, "lg.yaml").mpath, text, "lg.yaml");
  const g = cfg.groups[0];
  assert.ok(g);
  const clock = new ManualClock(1_000_000);
  const kernel = fakeKernel({ eth0: ["10.0.0.50", "10.0.0.10"], eth1: ["10.0.0.11"] }, refuse);
  const records: MpathRecord[] = [];
  const files: MpathStatusFile[] = [];
  const probes = new Map<string, { spacing: number; cb: ProbeCallbacks; stopped: boolean }>();
  const announced: string[] = [];
  const announcer = (to: string): Announcer => ({
    instant: true,
    fire: async () => {
      announced.push(to);
      return true;
    },
    repeat: () => undefined,
    close: () => undefined,
  });
  const stats = new Map<string, PathStats>();
  let runner: GroupRunner | null = null;
  const status = new StatusWriter(
    "/run/linkguard/mpath.json",
    () => ({
      pid: 1,
      dry_run: false,
      groups: runner ? [runner.status()] : [],
      probes: [...stats.values()],
    }),
    clock,
    (_file, body) => files.push(JSON.parse(body) as MpathStatusFile),
  );
  runner = new GroupRunner(g, g.targets, new Map([["10.0.0.50/24", 1000]]), stats, {
    clock,
    random: () => 0.5,
    emit: (r) => records.push(r),
    dryRun: false,
    probe(member, target, spacing, cb) {
      const p = { spacing, cb, stopped: false };
      probes.set(`${member}>${target}`, p);
      return {
        stop: () => {
          p.stopped = true;
        },
      };
    },
    move: (a, o) =>
      moveAddress(
        a.address,
        a.from,
        a.to,
        { dryRun: false, ...o },
        {
          transport: batchTransport(kernel.ip),
          announcer: announcer(a.to),
          addressesOf: kernel.addressesOf,
        },
      ),
    verify: async (address, to, target) => ({
      ok: true,
      reason: `${target} answered ${address} via ${to}`,
    }),
    statusChanged: (force) => status.update(force),
    problem: (m) => assert.fail(m),
  });
  const r = runner;
  // The daemon's own wiring of the groups: the tick, the status file, the stop.
  const groups = new Groups([r], status, clock);
  /** One probe result on a path, at the clock's time (the clock moves one interval first). */
  const probe = (member: string, ok: boolean, rtt_ms: number | null = ok ? 1 : null) => {
    const p = probes.get(`${member}>10.0.0.1`);
    assert.ok(p && !p.stopped, `${member} is probed`);
    clock.advance(p.spacing);
    p.cb.result({ ok, rtt_ms, t_ms: clock.now() });
  };
  const kinds = () => records.map((x) => x.kind);
  const last = () => files.at(-1);
  return {
    clock,
    kernel,
    records,
    files,
    probes,
    announced,
    runner: r,
    groups,
    probe,
    kinds,
    last,
  };
}

test("link down on the active member: the address moves to the other, announced and verified", async () => {
  const h = harness();
  h.groups.start(() => true);
  h.runner.link("eth0", false, h.clock.now());
  await h.runner.settled();
  assert.deepEqual(h.kinds(), ["member-failed", "failover", "failover-verified"]);
  assert.deepEqual(h.kernel.on("eth1"), ["10.0.0.11", "10.0.0.50"]);
  assert.deepEqual(h.kernel.on("eth0"), ["10.0.0.10"]);
  assert.deepEqual(h.announced, ["eth1"]);
  const move = h.records[1];
  assert.match(move?.detail ?? "", /^10\.0\.0\.50\/24 moved from eth0 to eth1 in [\d.]+ ms$/);
  assert.equal(move?.severity, "warning");
  // The status file is rewritten at once, not half a second later.
  assert.deepEqual(h.last()?.groups[0]?.addresses, [
    { address: "10.0.0.50/24", member: "eth1", home: "eth0" },
  ]);
  assert.equal(h.last()?.groups[0]?.state, "degraded");
  await h.groups.stop();
});

test("a move the kernel refuses is a critical move-failed naming the command, never a failover", async () => {
  const h = harness((c) => (c[1] === "add" ? "RTNETLINK answers: Operation not permitted" : null));
  h.groups.start(() => true);
  h.runner.link("eth0", false, h.clock.now());
  await h.runner.settled();
  assert.deepEqual(h.kinds(), ["member-failed", "move-failed"]);
  const failed = h.records[1];
  assert.equal(failed?.severity, "critical");
  assert.match(
    failed?.detail ?? "",
    /did NOT move from eth0 to eth1 \(failover\): .*Operation not permitted/,
  );
  assert.deepEqual(failed?.data?.failure, {
    argv: ["ip", "address", "add", "10.0.0.50/24", "dev", "eth1"],
    code: "batch line 1",
    stderr: "RTNETLINK answers: Operation not permitted",
  });
  assert.deepEqual(h.kernel.on("eth0"), ["10.0.0.50", "10.0.0.10"], "the address stays home");
  await h.groups.stop();
});

test("five probes lost in a row fail the member after five intervals; four do not", async () => {
  const h = harness();
  h.groups.start(() => true);
  // Losses in the 40 s after a link-up are forgiven (a switch port in STP start-up).
  h.clock.advance(40_000);
  const t0 = h.clock.now();
  for (let i = 0; i < 4; i++) h.probe("eth0", false);
  await h.runner.settled();
  assert.deepEqual(h.kinds(), []);
  h.probe("eth0", false);
  await h.runner.settled();
  assert.equal(h.clock.now() - t0, 500, "detected after 5 x 100 ms");
  assert.deepEqual(h.kinds(), ["member-failed", "failover", "failover-verified"]);
  assert.match(h.records[0]?.detail ?? "", /eth0 failed \(5 probes lost\)/);
  assert.deepEqual(h.kernel.on("eth1"), ["10.0.0.11", "10.0.0.50"]);
  const path = h.last()?.probes.find((p) => p.member === "eth0");
  assert.deepEqual([path?.sent, path?.lost], [5, 5]);
  await h.groups.stop();
});

test("after repair (link up and ten answered probes) the address fails back home", async () => {
  const h = harness();
  h.groups.start(() => true);
  h.runner.link("eth0", false, h.clock.now());
  await h.runner.settled();
  h.runner.link("eth0", true, h.clock.now());
  for (let i = 0; i < 9; i++) h.probe("eth0", true);
  await h.runner.settled();
  assert.equal(h.kinds().includes("failback"), false, "nine answers are not a repair");
  h.probe("eth0", true);
  await h.runner.settled();
  assert.deepEqual(h.kinds().slice(3), ["member-repaired", "failback", "failover-verified"]);
  assert.deepEqual(h.kernel.on("eth0"), ["10.0.0.10", "10.0.0.50"]);
  assert.deepEqual(h.kernel.on("eth1"), ["10.0.0.11"]);
  assert.equal(h.last()?.groups[0]?.state, "ok");
  assert.deepEqual(h.last()?.groups[0]?.addresses[0]?.member, "eth0");
  await h.groups.stop();
});

test("slow targets stretch the failure detection time, fast ones bring it back", async () => {
  const h = harness();
  h.groups.start(() => true);
  // Answers in 150 ms while probes leave every 100 ms: SRTT 150, RTTVAR 75 -> up to 450 ms.
  h.probe("eth0", true, 150);
  h.probe("eth1", true, 150);
  h.clock.advance(1000 - (h.clock.now() % 1000));
  assert.deepEqual(h.kinds(), ["detection-time-increased"]);
  assert.match(h.records[0]?.detail ?? "", /up to 450 ms; failure detection time 700 -> 1400 ms/);
  assert.equal(h.probes.get("eth0>10.0.0.1")?.spacing, 200, "probes restarted at 200 ms");
  // Each tick doubles once more while 450 ms > 0.9 x the interval: 200 -> 400 -> 800.
  h.clock.advance(2000);
  assert.equal(h.probes.get("eth0>10.0.0.1")?.spacing, 800);
  // The file follows within a second (it is rewritten at most twice a second).
  h.clock.advance(1000);
  assert.equal(h.last()?.groups[0]?.probe_interval_ms, 800);
  assert.equal(h.kinds().length, 3, "800 ms > 450 ms / 0.9: no further stretch");
  // Fast answers: SRTT and RTTVAR decay until SRTT + 4 RTTVAR is under a quarter of it.
  for (let i = 0; i < 40; i++) {
    h.probes.get("eth0>10.0.0.1")?.cb.result({ ok: true, rtt_ms: 1, t_ms: h.clock.now() });
    h.probes.get("eth1>10.0.0.1")?.cb.result({ ok: true, rtt_ms: 1, t_ms: h.clock.now() });
  }
  h.clock.advance(3000);
  assert.deepEqual(h.kinds().slice(-3), [
    "detection-time-restored",
    "detection-time-restored",
    "detection-time-restored",
  ]);
  assert.equal(h.probes.get("eth0>10.0.0.1")?.spacing, 100);
  assert.equal(h.kinds().includes("member-failed"), false);
  await h.groups.stop();
});

test("shutdown stops probes and ticks, waits for the move under way, leaves the final state on file", async () => {
  const h = harness();
  h.groups.start(() => true);
  const release = h.kernel.hold();
  h.runner.link("eth0", false, h.clock.now());
  const stopped = h.groups.stop();
  assert.equal(h.kinds().includes("failover"), false, "the move is still under way");
  release();
  await stopped;
  assert.deepEqual(h.kinds(), ["member-failed", "failover", "failover-verified"]);
  assert.deepEqual(h.kernel.on("eth1"), ["10.0.0.11", "10.0.0.50"]);
  assert.equal(h.last()?.groups[0]?.addresses[0]?.member, "eth1");
  assert.ok([...h.probes.values()].every((p) => p.stopped));
  assert.equal(h.clock.pending(), 0, "no timer left");
  const files = h.files.length;
  h.clock.advance(10_000);
  assert.equal(h.files.length, files, "nothing written after the stop");
});

test("after lost link notifications, the links read again move the address off a member that went down unheard", async () => {
  const h = harness();
  h.groups.start(() => true);
  // eth0 lost carrier while the kernel's notifications overflowed: nothing was heard.
  h.groups.relink((member) => member !== "eth0");
  await h.runner.settled();
  assert.deepEqual(h.kinds(), ["member-failed", "failover", "failover-verified"]);
  assert.deepEqual(h.kernel.on("eth1"), ["10.0.0.11", "10.0.0.50"]);
  // Read again with nothing changed: no event.
  h.groups.relink((member) => member !== "eth0");
  await h.runner.settled();
  assert.equal(h.records.length, 3);
  await h.groups.stop();
});
