import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { test } from "node:test";
import { ManualClock } from "../lib/clock.js";
import { closeInOrder, untilStopped } from "./lifecycle.js";

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
