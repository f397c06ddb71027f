// kill -9 the writer mid-stream: the store must open clean and hold every sample committed
// more than ~1.5 s before the kill (batches are committed once a second).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { test } from "node:test";
import Database from "better-sqlite3";
import { REPO_ROOT } from "./support/paths.js";
import { tempDbPath } from "./support/store-data.js";

const WRITER = join(REPO_ROOT, "dist", "test", "fixtures", "store-writer.js");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("after kill -9 the store passes integrity_check and keeps all but the last second", async () => {
  const path = tempDbPath();
  const child = spawn(process.execPath, [WRITER, path], { stdio: ["ignore", "pipe", "inherit"] });
  const committed: number[] = [];
  const events: number[] = [];
  let ready: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
  createInterface({ input: child.stdout }).on("line", (line) => {
    const [what, value] = line.split(" ");
    if (what === "ready") ready();
    else if (what === "committed") committed.push(Number(value));
    else if (what === "event") events.push(Number(value));
  });
  await started;
  await sleep(2000);
  const killMs = Date.now();
  assert.ok(child.pid !== undefined);
  process.kill(child.pid, "SIGKILL");
  await once(child, "exit");

  const db = new Database(path);
  try {
    assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
    assert.ok(committed.length >= 1, "the writer committed at least once in 2 s");
    const has = db.prepare("SELECT COUNT(*) FROM samples WHERE t_ms = ?").pluck();
    for (const t of committed) assert.equal(has.get(t), 4, `samples at committed time ${t}`);
    const perIf = db
      .prepare(
        "SELECT ifname, COUNT(*) AS n, MIN(rx_packets) AS lo, MAX(rx_packets) AS hi, MAX(t_ms) AS newest FROM samples GROUP BY ifname",
      )
      .all() as { ifname: string; n: number; lo: number; hi: number; newest: number }[];
    assert.equal(perIf.length, 4);
    for (const r of perIf) {
      assert.equal(r.lo, 0, `${r.ifname} starts at its first sample`);
      assert.equal(r.hi, r.n - 1, `${r.ifname} has no gap`);
      // No gap plus a recent newest sample = every sample older than kill - 1.5 s is there.
      assert.ok(
        killMs - r.newest <= 1500,
        `${r.ifname}: newest sample ${killMs - r.newest} ms before the kill`,
      );
    }
    const hasEvent = db.prepare("SELECT COUNT(*) FROM events WHERE id = ?").pluck();
    assert.ok(events.length >= 10);
    for (const id of events) assert.equal(hasEvent.get(id), 1, `event ${id}`);
  } finally {
    db.close();
  }
});
