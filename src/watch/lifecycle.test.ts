import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { test } from "node:test";
import { waitForStop } from "./lifecycle.js";

/** Timers that fire only when the test says. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    pending,
    setTimeout: (fn: () => void, _ms: number) => {
      pending.set(next, fn);
      return next++;
    },
    clearTimeout: (t: unknown) => void pending.delete(t as number),
    fireAll: () => {
      for (const [id, fn] of [...pending]) {
        pending.delete(id);
        fn();
      }
    },
  };
}

test("--duration ends the wait when its timer fires", async () => {
  const signals = new EventEmitter();
  const timers = manualTimers();
  const stop = waitForStop(5000, signals, timers);
  timers.fireAll();
  assert.equal(await stop.reason, "duration");
  stop.release();
});

test("SIGTERM before --duration ends the wait and cancels the timer", async () => {
  const signals = new EventEmitter();
  const timers = manualTimers();
  const stop = waitForStop(60_000, signals, timers);
  signals.emit("SIGTERM");
  assert.equal(await stop.reason, "SIGTERM");
  assert.equal(timers.pending.size, 0, "no timer keeps the process waiting");
  stop.release();
});

test("without --duration only a signal ends it, and no timer is set", async () => {
  const signals = new EventEmitter();
  const timers = manualTimers();
  const stop = waitForStop(undefined, signals, timers);
  assert.equal(timers.pending.size, 0);
  signals.emit("SIGINT");
  assert.equal(await stop.reason, "SIGINT");
  stop.release();
});

test("release removes the handlers: a second run in the process adds its own, not a double", () => {
  const signals = new EventEmitter();
  for (let run = 0; run < 2; run++) {
    const stop = waitForStop(undefined, signals, manualTimers());
    assert.equal(signals.listenerCount("SIGTERM"), 1);
    assert.equal(signals.listenerCount("SIGINT"), 1);
    signals.emit("SIGINT");
    stop.release();
  }
  assert.equal(signals.listenerCount("SIGTERM") + signals.listenerCount("SIGINT"), 0);
});
