import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../test/support/paths.js";
import { RootError } from "../host/read/open-root.js";
import { diagnoseRoot, examineRoot } from "./diagnose-root.js";

const HOST = join(REPO_ROOT, "test", "fixtures", "hosts", "ab-backup-down-speed-mismatch");

test("examineRoot gives the report and the snapshot it was made from; diagnoseRoot the same report", async () => {
  const { report, snapshot } = await examineRoot(HOST);
  assert.equal(report.root, HOST);
  assert.deepEqual(
    snapshot.bonds.map((b) => b.name),
    ["bond0"],
  );
  assert.ok(report.findings.some((f) => f.rule === "bond-slave-down"));
  const alone = await diagnoseRoot(HOST);
  assert.deepEqual(
    alone.findings.map((f) => [f.rule, f.subject]),
    report.findings.map((f) => [f.rule, f.subject]),
  );
});

test("a directory that is no host is refused with a RootError, not diagnosed as a healthy one", async (t) => {
  const empty = mkdtempSync(join(tmpdir(), "linkguard-not-a-host-"));
  t.after(() => rmSync(empty, { recursive: true, force: true }));
  await assert.rejects(
    examineRoot(empty),
    (err) => err instanceof RootError && /not a host/.test(err.message),
  );
});
