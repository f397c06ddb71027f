import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { test } from "node:test";
import { ManualClock } from "../lib/clock.js";
import { closeInOrder, untilStopped, waitForStop } from "./lifecycle.js";

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

test("--duration ends the run on time, and leaves no signal handler behind", async () => {
  const clock = new ManualClock();
  const signals = new EventEmitter();
  let ended: string | null = null;
  const run = untilStopped(clock, 30_000, signals).then((why) => {
    ended = why;
  });
  clock.advance(29_999);
  await Promise.resolve();
  assert.equal(ended, null);
  clock.advance(1);
  await run;
  assert.equal(ended, "duration");
  assert.equal(signals.listenerCount("SIGTERM") + signals.listenerCount("SIGINT"), 0);
});

test("SIGTERM ends the run before the duration, and cancels its timer", async () => {
  const clock = new ManualClock();
  const signals = new EventEmitter();
  const run = untilStopped(clock, 30_000, signals);
  signals.emit("SIGTERM");
  assert.equal(await run, "SIGTERM");
  assert.equal(clock.pending(), 0);
  assert.equal(signals.listenerCount("SIGINT"), 0);
});

test("parts close in order, each awaited; a failing one does not keep the rest open", async () => {
  const order: string[] = [];
  const later = (name: string) => () =>
    new Promise<void>((resolve) =>
      setImmediate(() => {
        order.push(name);
        resolve();
      }),
    );
  await assert.rejects(
    closeInOrder([
      () => order.push("ticker"),
      later("moves"),
      () => {
        throw new Error("store");
      },
      later("sinks"),
    ]),
    /store/,
  );
  assert.deepEqual(order, ["ticker", "moves", "sinks"]);
});
