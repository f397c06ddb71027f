import assert from "node:assert/strict";
import { test } from "node:test";
import { latestLoad } from "./latest-load.js";

/** A fetch the test answers when it wants: the order of answers is the point. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve: (v: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

test("an older load answering after a newer one does not draw over it", async () => {
  const loads = latestLoad();
  const drawn: string[] = [];
  const slow = deferred<string>();
  const fast = deferred<string>();
  const first = loads.run(
    () => slow.promise,
    (v) => drawn.push(v),
  );
  const second = loads.run(
    () => fast.promise,
    (v) => drawn.push(v),
  );
  fast.resolve("newer");
  slow.resolve("older");
  assert.deepEqual(await Promise.all([first, second]), [false, true]);
  assert.deepEqual(drawn, ["newer"]);
});

test("a load that answers after the view was left draws nothing", async () => {
  const loads = latestLoad();
  const drawn: string[] = [];
  const pending = deferred<string>();
  const run = loads.run(
    () => pending.promise,
    (v) => drawn.push(v),
  );
  loads.dispose();
  pending.resolve("late");
  assert.equal(await run, false);
  assert.deepEqual(drawn, []);
});

test("loads one after another each draw; a failed fetch rejects to the caller", async () => {
  const loads = latestLoad();
  const drawn: number[] = [];
  assert.equal(
    await loads.run(
      async () => 1,
      (v) => drawn.push(v),
    ),
    true,
  );
  assert.equal(
    await loads.run(
      async () => 2,
      (v) => drawn.push(v),
    ),
    true,
  );
  await assert.rejects(
    loads.run(
      async () => Promise.reject(new Error("HTTP 500")),
      () => {},
    ),
    /HTTP 500/,
  );
  assert.deepEqual(drawn, [1, 2]);
});

test("a stale load's error is dropped like its answer", async () => {
  const loads = latestLoad();
  const failing = deferred<string>();
  const run = loads.run(
    () => failing.promise.then(() => Promise.reject(new Error("HTTP 502"))),
    () => {},
  );
  loads.dispose();
  failing.resolve("");
  assert.equal(await run, false);
});
