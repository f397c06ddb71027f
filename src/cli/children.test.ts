import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { startWorker } from "../lib/worker.js";
import { childPids, parentOfStat, signalChildren } from "./children.js";

test("parentOfStat reads the ppid after a command name with spaces and parens", () => {
  assert.equal(parentOfStat("4242 (tar (x) y) S 17 4242 4242 0 -1 4194560"), 17);
  assert.equal(parentOfStat("1 (systemd) S 0 1 1 0 -1"), 0);
  assert.equal(parentOfStat("garbage"), null);
});

test("childPids lists a process this one started, and not after it ended", async () => {
  const child = spawn("sleep", ["30"], { stdio: "ignore" });
  try {
    assert.ok(childPids().includes(child.pid as number));
  } finally {
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
  }
  assert.equal(childPids().includes(child.pid as number), false);
});

test("signalChildren ends a command a worker thread is blocked on, so the worker returns at once", async () => {
  // A worker in execFileSync, as a fleet worker is while tar unpacks a sosreport.
  const code = `
    import { execFileSync } from "node:child_process";
    import { parentPort } from "node:worker_threads";
    const t0 = Date.now();
    try { execFileSync("sleep", ["30"]); } catch {}
    parentPort.postMessage(Date.now() - t0);
  `;
  const worker = startWorker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), {});
  const blockedMs = new Promise<number>((resolve) => worker.once("message", resolve));
  const deadline = Date.now() + 5000;
  while (childPids().length === 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  assert.equal(signalChildren("SIGTERM").length, 1, "the worker's sleep is our child");
  const ms = await blockedMs;
  assert.ok(ms < 5000, `the worker was blocked ${ms} ms after its command was signalled`);
  await worker.terminate();
});
