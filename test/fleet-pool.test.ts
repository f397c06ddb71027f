// The fleet pool's worker threads, really started: a root that kills its worker (here: it
// needs more heap than the cap) fails alone, a fresh worker takes the rest, and the answers
// keep the input order.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { diagnoseFleet } from "../src/cli/fleet-pool.js";
import { REPO_ROOT } from "./support/paths.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-fleet-pool-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const small = join(REPO_ROOT, "test", "fixtures", "hosts", "ab-backup-down-speed-mismatch");

/** A snapshot whose bonding file is ~24 MB of slave blocks (under the reader's 32 MB cap). */
function hugeRoot(): string {
  const root = join(tmp, "huge");
  mkdirSync(join(root, "proc", "net", "bonding"), { recursive: true });
  const head = readFileSync(join(small, "proc", "net", "bonding", "bond0"), "utf8");
  const block = (i: number) =>
    `\nSlave Interface: eth${i}\nMII Status: up\nSpeed: 1000 Mbps\nDuplex: full\nLink Failure Count: 0\nPermanent HW addr: 00:15:17:00:11:22\n`;
  const parts = [head];
  for (let i = 0, size = head.length; size < 24 * 1024 * 1024; i++) {
    const b = block(i);
    parts.push(b);
    size += b.length;
  }
  writeFileSync(join(root, "proc", "net", "bonding", "bond0"), parts.join(""));
  return root;
}

test("a root that kills its worker fails alone; a fresh worker diagnoses the rest, in order", {
  timeout: 60_000,
}, async () => {
  const huge = hugeRoot();
  const outcomes = await diagnoseFleet([{ root: small }, { root: huge }, { root: small }], {
    jobs: 1,
    workerHeapMb: 16,
  });
  assert.deepEqual(
    outcomes.map((o) => [o.root, o.kind]),
    [
      [small, "report"],
      [huge, "error"],
      [small, "report"],
    ],
  );
  const failed = outcomes[1];
  assert.ok(failed?.kind === "error");
  assert.match(failed.error, /^linkguard failed on this root: .*memory limit/);
  const first = outcomes[0];
  assert.ok(first?.kind === "report");
  assert.ok(first.report.findings.some((f) => f.rule === "bond-slave-down"));
});
