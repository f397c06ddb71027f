import assert from "node:assert/strict";
import { test } from "node:test";
import { CommandError, type RunOptions } from "../host/exec.js";
import type { RunnerIo } from "./group-runner.js";
import { nativeCheck, pathCheck, pingCheck } from "./verify.js";

function fakeRun(fail = false) {
  const ran: string[][] = [];
  const runArgv = async (argv: readonly string[], _o?: RunOptions) => {
    ran.push([...argv]);
    if (fail) throw new CommandError(argv, 1, "");
    return "1 packets transmitted, 1 received";
  };
  return { ran, runArgv };
}

/** A native echo whose answer (or loss) comes on the next turn, as from a socket. */
function fakeEcho(answer: { ok: boolean; rtt_ms: number | null }, problem?: string) {
  const started: string[] = [];
  let stopped = 0;
  const start: RunnerIo["probe"] = (to, target, spacing, cb) => {
    started.push(`${to}>${target} every ${spacing} ms`);
    if (problem) cb.problem(problem);
    setImmediate(() => cb.result({ ...answer, t_ms: 0 }));
    return { stop: () => void stopped++ };
  };
  return { start, started, stopped: () => stopped };
}

test("ping checks from the data address itself and says so", async () => {
  const f = fakeRun();
  const v = await pingCheck(f.runArgv)("10.0.0.50/24", "eth1", "10.0.0.1");
  assert.deepEqual(f.ran, [["ping", "-n", "-c", "1", "-W", "1", "-I", "10.0.0.50", "10.0.0.1"]]);
  assert.deepEqual(v, { ok: true, reason: "10.0.0.1 answered 10.0.0.50 via eth1 (ping)" });
  const lost = await pingCheck(fakeRun(true).runArgv)("10.0.0.50/24", "eth1", "10.0.0.1");
  assert.equal(lost.ok, false);
  assert.match(lost.reason, /^no answer from 10\.0\.0\.1 to 10\.0\.0\.50 via eth1 \(ping\)/);
});

test("the native check sends one echo through the new member, no process, and stops its prober", async () => {
  const echo = fakeEcho({ ok: true, rtt_ms: 0.42 });
  const ping = fakeRun();
  const v = await nativeCheck(echo.start, pingCheck(ping.runArgv))(
    "10.0.0.50/24",
    "eth1",
    "10.0.0.1",
  );
  assert.deepEqual(v, { ok: true, reason: "10.0.0.1 answered via eth1 in 0.42 ms (native echo)" });
  assert.deepEqual(echo.started, ["eth1>10.0.0.1 every 1000 ms"]);
  assert.equal(echo.stopped(), 1);
  assert.deepEqual(ping.ran, [], "ping did not run");
});

test("a native echo that is lost fails the check, with the prober's problem", async () => {
  const echo = fakeEcho({ ok: false, rtt_ms: null }, "native icmp prober via eth1: No such device");
  const v = await nativeCheck(echo.start, pingCheck(fakeRun().runArgv))(
    "10.0.0.50/24",
    "eth1",
    "10.0.0.1",
  );
  assert.equal(v.ok, false);
  assert.equal(
    v.reason,
    "no answer from 10.0.0.1 via eth1 within 1 s (native echo): native icmp prober via eth1: No such device",
  );
  assert.equal(echo.stopped(), 1);
});

test("IPv6 is checked with ping even when the native prober runs", async () => {
  const echo = fakeEcho({ ok: true, rtt_ms: 1 });
  const ping = fakeRun();
  const v = await nativeCheck(echo.start, pingCheck(ping.runArgv))(
    "fd00::50/64",
    "eth1",
    "fd00::1",
  );
  assert.match(v.reason, /\(ping\)$/);
  assert.deepEqual(echo.started, []);
  assert.equal(ping.ran[0]?.[7], "fd00::50");
});

test("with the ping prober, the check is ping", async () => {
  const ping = fakeRun();
  const v = await pathCheck({ kind: "ping", reason: "test" }, ping.runArgv)(
    "10.0.0.50/24",
    "eth1",
    "10.0.0.1",
  );
  assert.match(v.reason, /\(ping\)$/);
  assert.equal(ping.ran.length, 1);
});

test("a path the prober refuses fails the check instead of throwing into the move", async () => {
  const refuse: RunnerIo["probe"] = (to) => {
    throw new Error(`probe: bad interface name "${to}"`);
  };
  const v = await nativeCheck(refuse, pingCheck(fakeRun().runArgv))(
    "10.0.0.50/24",
    "e$h1",
    "10.0.0.1",
  );
  assert.deepEqual(v, {
    ok: false,
    reason: 'no check via e$h1 (native echo): probe: bad interface name "e$h1"',
  });
});
