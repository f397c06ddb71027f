import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterEach, test } from "node:test";
import Database from "better-sqlite3";
import { FakeRoot, fakeIo } from "../../test/support/watch-world.js";
import type { WatchEvent } from "../events/types.js";
import { runWatch } from "./daemon.js";
import type { StartDashboard } from "./dashboard-slot.js";
import type { WatchEnv } from "./watch-env.js";
import type { WatchFlags } from "./watch-flags.js";

const roots: FakeRoot[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) r.remove();
});

const DOWN =
  "2: eth0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc fq_codel state DOWN group default \\    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff";
const ADDRESSES = JSON.stringify([
  { ifname: "lo", addr_info: [{ family: "inet", local: "127.0.0.1", scope: "host" }] },
  { ifname: "eth0", addr_info: [{ family: "inet", local: "10.0.0.2", scope: "global" }] },
  { ifname: "eth1", addr_info: [] },
]);

/** A free loopback port for /metrics (bound and released). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** One daemon in a fake world: a config file with a store and a JSON-lines sink in the root. */
async function daemon(extra: Partial<WatchFlags> = {}, env: Partial<WatchEnv> = {}) {
  const root = new FakeRoot();
  roots.push(root);
  root.addLink("eth0");
  root.addLink("eth1");
  const port = await freePort();
  const config = join(root.dir, "linkguard.yaml");
  writeFileSync(
    config,
    `watch:
  interval_ms: 100
  interfaces: [eth0, eth1]
  probes:
    targets: [10.0.0.1]
    auto_gateway: false
  store:
    path: ${join(root.dir, "lg.db")}
  metrics: 127.0.0.1:${port}
  sinks:
    - type: jsonl
      path: ${join(root.dir, "events.jsonl")}
  lldp:
    listen: false
serve: false
`,
  );
  const { io, made } = fakeIo();
  const signals = new EventEmitter();
  const stderr: string[] = [];
  let started: () => void = () => undefined;
  const ready = new Promise<void>((r) => {
    started = r;
  });
  const flags: WatchFlags = {
    config,
    interface: [],
    target: [],
    arpTarget: [],
    autoGateway: true,
    store: true,
    capture: [],
    host: "h1",
    ...extra,
  };
  const full: Partial<WatchEnv> = {
    root: root.dir,
    io: {
      ...io,
      run: (argv, opts) =>
        argv.join(" ") === "ip -j address show" ? Promise.resolve(ADDRESSES) : io.run(argv, opts),
    },
    prober: () => ({ kind: "native", addon: {} as never, reason: "test" }),
    requireTools: () => undefined,
    signals,
    stderr: (t) => {
      stderr.push(t);
      if (t.includes("probe paths")) started();
    },
    stdout: (t) => stderr.push(t),
    ...env,
  };
  const run = () => runWatch(flags, full);
  const events = () =>
    readFileSync(join(root.dir, "events.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as WatchEvent);
  return { root, port, made, signals, stderr, ready, run, events, flags, full };
}

test("SIGTERM stops the daemon: watcher stopped, sink flushed, store closed, port closed", async () => {
  const d = await daemon();
  const running = d.run();
  await d.ready;
  // A failed assertion must not leave the daemon's port open (the test file would never end).
  const stopped = running.finally(() => undefined);
  const stopOnFailure = setTimeout(() => d.signals.emit("SIGTERM"), 2000);
  stopOnFailure.unref();
  assert.match(d.stderr.join(""), /1 probe paths \(10\.0\.0\.1\), store .*lg\.db, metrics http/);
  assert.deepEqual(
    d.made.probers.map((p) => p.path.ifname),
    ["eth0"],
    "probes through the members with an IPv4 address",
  );
  const page = await fetch(`http://127.0.0.1:${d.port}/metrics`);
  assert.equal(page.status, 200);
  await page.text();
  d.root.setCarrier("eth0", false, 1);
  d.made.links[0]?.line(DOWN);
  d.made.clock.advance(250);
  d.signals.emit("SIGTERM");
  await stopped;
  clearTimeout(stopOnFailure);

  assert.deepEqual(
    d.events().map((e) => e.kind),
    ["watcher-started", "link-down", "watcher-stopped"],
  );
  assert.equal(existsSync(join(d.root.dir, "lg.db-wal")), false, "the store was closed");
  const db = new Database(join(d.root.dir, "lg.db"), { readonly: true });
  const kinds = db.prepare("SELECT kind FROM events ORDER BY id").all() as { kind: string }[];
  const samples = db.prepare("SELECT count(*) AS n FROM samples").get() as { n: number };
  db.close();
  assert.deepEqual(
    kinds.map((k) => k.kind),
    ["watcher-started", "link-down", "watcher-stopped"],
  );
  assert.ok(samples.n >= 6, `samples of both links at every tick, got ${samples.n}`);
  await assert.rejects(fetch(`http://127.0.0.1:${d.port}/metrics`), "the metrics port is closed");
  assert.equal(d.made.clock.running(), 0, "no timer left");
  assert.equal(d.made.links[0]?.stopped, true);
  assert.equal(d.signals.listenerCount("SIGTERM") + d.signals.listenerCount("SIGINT"), 0);
});

test("--duration stops it on its own; a second run in the process goes on numbering, once", async () => {
  let fire: () => void = () => undefined;
  const timers = {
    setTimeout: (fn: () => void, ms: number) => {
      assert.equal(ms, 30_000);
      fire = fn;
      return 1;
    },
    clearTimeout: () => undefined,
  };
  const d = await daemon({ duration: 30_000 }, { timers });
  const first = d.run();
  await d.ready;
  fire();
  await first;
  assert.deepEqual(
    d.events().map((e) => [e.id, e.kind]),
    [
      [1, "watcher-started"],
      [2, "watcher-stopped"],
    ],
  );

  let again: () => void = () => undefined;
  const ready = new Promise<void>((r) => {
    again = r;
  });
  const second = runWatch(d.flags, {
    ...d.full,
    stderr: (t) => {
      if (t.includes("probe paths")) again();
    },
  });
  await ready;
  fire();
  await second;
  assert.deepEqual(
    d.events().map((e) => [e.id, e.kind]),
    [
      [1, "watcher-started"],
      [2, "watcher-stopped"],
      [3, "watcher-started"],
      [4, "watcher-stopped"],
    ],
    "each event written once, numbers after the store's",
  );
  assert.equal(d.signals.listenerCount("SIGTERM"), 0);
});

test("--once prints one sample of the root's interfaces and starts nothing", async () => {
  const d = await daemon({ once: true });
  await d.run();
  const out = JSON.parse(d.stderr.join("")) as { samples: { ifname: string; carrier: boolean }[] };
  assert.deepEqual(
    out.samples.map((s) => [s.ifname, s.carrier]),
    [
      ["eth0", true],
      ["eth1", true],
    ],
  );
  assert.equal(d.made.links[0]?.started, false);
  assert.equal(existsSync(join(d.root.dir, "lg.db")), false, "no store opened");
});

test("the dashboard the CLI plugs in listens before watcher-started, and stops before the outputs close", async () => {
  const order: string[] = [];
  const dashboard: StartDashboard = async (ctx) => {
    order.push(`open (store ${ctx.store ? "open" : "none"})`);
    ctx.watcher.listen({ event: (e) => order.push(e.kind) });
    return {
      url: "http://127.0.0.1:9470/",
      started: () => order.push("started"),
      stop: async () => {
        order.push("stop");
      },
    };
  };
  const d = await daemon({}, { dashboard });
  const running = d.run();
  await d.ready;
  assert.match(d.stderr.join(""), /dashboard http:\/\/127\.0\.0\.1:9470\//);
  d.signals.emit("SIGTERM");
  await running;
  assert.deepEqual(order, [
    "open (store open)",
    "watcher-started",
    "started",
    "stop",
    "watcher-stopped",
  ]);
  assert.deepEqual(
    d.events().map((e) => e.kind),
    ["watcher-started", "watcher-stopped"],
    "the sinks were still open for the last event",
  );
});
