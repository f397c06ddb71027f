import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../../test/support/paths.js";
import { SNAPSHOT_MARKER } from "../read/read-host.js";
import { writeSnapshot } from "./write-snapshot.js";

test("every command the snapshot could not run is named as unseen, the support facts' too (dmesg)", () => {
  const out = mkdtempSync(join(tmpdir(), "lg-snap-unseen-"));
  const path = process.env.PATH;
  process.env.PATH = out; // no tool at all: every command fails
  try {
    const r = writeSnapshot({
      outDir: out,
      root: join(REPO_ROOT, "examples/healthy-8023ad"),
      asDirectory: true,
      version: "test",
    });
    for (const tool of ["ip -d -j address", "dmesg", "uname -a"])
      assert.ok(
        r.snapshot.unseen.some((u) => u.startsWith(`command failed: ${tool}: not installed`)),
        `${tool}: ${r.snapshot.unseen.join("\n")}`,
      );
    const marker = JSON.parse(readFileSync(join(r.path, SNAPSHOT_MARKER), "utf8"));
    assert.deepEqual(marker.unseen, r.snapshot.unseen);
  } finally {
    process.env.PATH = path;
    rmSync(out, { recursive: true, force: true });
  }
});
