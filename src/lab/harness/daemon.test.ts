import assert from "node:assert/strict";
import { test } from "node:test";
import { ManualClock } from "../../lib/clock.js";
import { type Exit, type Fd, jsonRecord, type Launch, startDaemon } from "./daemon.js";
import { EventLog } from "./event-log.js";

interface Ev {
  kind: string;
}

/** A process that writes what the test tells it to, and exits when told (or on a signal it heeds). */
function fakeProcess(heeds: readonly string[] = ["SIGTERM", "SIGKILL"]) {
  let write: (line: string, fd: Fd) => void = () => undefined;
  let exit: (x: Exit) => void = () => undefined;
  const signals: string[] = [];
  const launch: Launch = (onLine) => {
    write = onLine;
    return {
      pid: 4242,
      exited: new Promise<Exit>((r) => {
        exit = r;
      }),
      kill(signal) {
        signals.push(signal);
        if (heeds.includes(signal)) exit({ code: null, signal });
      },
    };
  };
  return {
    launch,
    write: (l: string, fd: Fd = "stdout") => write(l, fd),
    exit: (x: Exit) => exit(x),
    signals,
  };
}

const tick = () => new Promise((r) => setImmediate(r));

function daemon(proc: ReturnType<typeof fakeProcess>, clock = new ManualClock()) {
  const events = new EventLog<Ev>(clock);
  const logged: string[] = [];
  const d = startDaemon<Ev>({
    name: "the watcher",
    launch: proc.launch,
    parse: jsonRecord<Ev>,
    events,
    clock,
    log: (l) => logged.push(l),
  });
  return { d, events, logged, clock };
}

test("jsonRecord reads one JSON object per line and nothing else", () => {
  assert.deepEqual(jsonRecord('{"kind":"failover"}'), { kind: "failover" });
  assert.equal(jsonRecord("linkguard mpath: 1 group, native prober"), undefined);
  assert.equal(jsonRecord('{"kind":"fail'), undefined);
  assert.equal(jsonRecord(""), undefined);
});

test("stdout JSON lines become events in order; banners and stderr do not", () => {
  const proc = fakeProcess();
  const { d, events, logged } = daemon(proc);
  proc.write("linkguard watch: 2 interfaces");
  proc.write('{"kind":"watcher-started"}');
  proc.write("ping: sendmsg: Network is unreachable", "stderr");
  proc.write('{"kind":"link-down"}');
  assert.deepEqual(events.all(), [{ kind: "watcher-started" }, { kind: "link-down" }]);
  assert.deepEqual(logged, ["[the watcher] ping: sendmsg: Network is unreachable"]);
  assert.equal(d.pid, 4242);
});

test("a daemon that dies on its own fails every pending wait at once, with its stderr", async () => {
  const proc = fakeProcess();
  const { events } = daemon(proc);
  const wait = events.waitFor("watcher-started", (e) => e.kind === "watcher-started", 15_000);
  proc.write("linkguard watch: no such interface: eth9", "stderr");
  proc.exit({ code: 3, signal: null });
  await assert.rejects(wait, {
    message: "the watcher exited (3): linkguard watch: no such interface: eth9",
  });
});

test("stop sends SIGTERM and returns how it ended and what it said; no SIGKILL if it heeds", async () => {
  const proc = fakeProcess();
  const { d, events } = daemon(proc);
  proc.write("closing the store", "stderr");
  const pending = events.waitFor("recovery", (e) => e.kind === "link-up", 10_000);
  const stopped = await d.stop(5000);
  assert.deepEqual(proc.signals, ["SIGTERM"]);
  assert.deepEqual(stopped, {
    code: null,
    signal: "SIGTERM",
    stderr: "closing the store\n",
    killed: false,
  });
  // A stop asked for is not a crash: the waits keep their own bounds.
  assert.equal(events.pending(), 1);
  void pending.catch(() => undefined);
});

test("stop escalates to SIGKILL when SIGTERM is not heeded within the bound", async () => {
  const proc = fakeProcess(["SIGKILL"]);
  const { d, clock } = daemon(proc);
  const stopping = d.stop(5000);
  await tick();
  clock.advance(4999);
  await tick();
  assert.deepEqual(proc.signals, ["SIGTERM"]);
  clock.advance(1);
  const stopped = await stopping;
  assert.deepEqual(proc.signals, ["SIGTERM", "SIGKILL"]);
  assert.equal(stopped.killed, true);
  assert.equal(stopped.signal, "SIGKILL");
});

test("stop gives up after twice the bound when even SIGKILL is not answered (a VM gone mute)", async () => {
  const proc = fakeProcess([]);
  const { d, clock } = daemon(proc);
  const stopping = d.stop(1000);
  await tick();
  clock.advance(1000);
  await tick();
  clock.advance(1000);
  assert.deepEqual(await stopping, { code: null, signal: null, stderr: "", killed: true });
});

test("stopping a daemon that has exited already sends nothing", async () => {
  const proc = fakeProcess();
  const { d } = daemon(proc);
  proc.exit({ code: 0, signal: null });
  await d.exited;
  assert.deepEqual(await d.stop(1000), { code: 0, signal: null, stderr: "", killed: false });
  assert.deepEqual(proc.signals, []);
});
