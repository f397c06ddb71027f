import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ManualClock } from "../lib/clock.js";
import type { MpathStatusFile } from "./status.js";
import { StatusWriter, statusSnapshot, writeFileAtomic } from "./status-writer.js";

const snapshot = () => ({ pid: 7, dry_run: true, groups: [], probes: [] });

test("the status file is rewritten at most twice a second unless forced", () => {
  const clock = new ManualClock(10_000);
  const written: number[] = [];
  const w = new StatusWriter("s.json", snapshot, clock, (_f, text) =>
    written.push((JSON.parse(text) as MpathStatusFile).updated_ms),
  );
  w.update();
  clock.advance(100);
  w.update();
  w.update(true);
  clock.advance(499);
  w.update();
  clock.advance(1);
  w.update();
  assert.deepEqual(written, [10_000, 10_100, 10_600]);
});

test("a status file that cannot be written is reported, not thrown", () => {
  const problems: string[] = [];
  const w = new StatusWriter(
    "/nowhere/s.json",
    snapshot,
    new ManualClock(),
    () => {
      throw new Error("EACCES");
    },
    (m) => problems.push(m),
  );
  w.update(true);
  assert.deepEqual(problems, ["linkguard mpath: status file /nowhere/s.json: EACCES\n"]);
});

test("the file is replaced whole, its folder made on the way", () => {
  const dir = mkdtempSync(join(tmpdir(), "lg-status-"));
  try {
    const file = join(dir, "run", "mpath.json");
    new StatusWriter(file, snapshot, new ManualClock(5)).update(true);
    assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), {
      updated_ms: 5,
      ...snapshot(),
    });
    writeFileAtomic(file, "{}\n");
    assert.equal(readFileSync(file, "utf8"), "{}\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the status file's body: every group's status, every path's counters, the prober", () => {
  const group = { status: () => ({ name: "web" }) as unknown as MpathStatusFile["groups"][number] };
  const path = {
    member: "eth0",
    target: "10.0.0.1",
    sent: 3,
    lost: 1,
    rtt_avg_ms: 0.4,
    rtt_dev_ms: 0.1,
  };
  assert.deepEqual(
    statusSnapshot(42, false, [group], new Map([["eth0>10.0.0.1", path]]), "native"),
    {
      pid: 42,
      dry_run: false,
      groups: [{ name: "web" }],
      probes: [path],
      prober: "native",
    },
  );
});
