import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { test } from "node:test";
import { onInterrupt } from "./interrupt.js";

const tick = () => new Promise((r) => setImmediate(r));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  test(`${signal} during a run tears the lab down first, then exits 130`, async () => {
    const proc = new EventEmitter();
    const order: string[] = [];
    onInterrupt(
      async () => {
        await tick();
        order.push("lab down");
      },
      proc,
      (code) => order.push(`exit ${code}`),
    );
    proc.emit(signal);
    await tick();
    await tick();
    assert.deepEqual(order, ["lab down", "exit 130"]);
    assert.equal(proc.listenerCount("SIGINT") + proc.listenerCount("SIGTERM"), 0);
  });
}

test("a teardown that fails still exits 130 (the signal is not swallowed)", async () => {
  const proc = new EventEmitter();
  const codes: number[] = [];
  onInterrupt(
    () => Promise.reject(new Error("ip: netns busy")),
    proc,
    (c) => codes.push(c),
  );
  proc.emit("SIGTERM");
  await tick();
  await tick();
  assert.deepEqual(codes, [130]);
});

test("after the run's own end unhooks it, a signal no longer tears anything down", () => {
  const proc = new EventEmitter();
  let down = 0;
  const unhook = onInterrupt(
    async () => {
      down++;
    },
    proc,
    () => undefined,
  );
  unhook();
  assert.equal(proc.listenerCount("SIGINT") + proc.listenerCount("SIGTERM"), 0);
  proc.emit("SIGTERM");
  assert.equal(down, 0);
});
