import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { makeLabStateDir, readLabStateDir } from "./state-dir.js";

test("makeLabStateDir makes the lab's folder root-only and leaves its parent readable", () => {
  const tmp = mkdtempSync(join(tmpdir(), "lg-state-"));
  try {
    const lab = join(tmp, "run", "linkguard", "lab");
    makeLabStateDir(lab);
    assert.equal(statSync(lab).mode & 0o777, 0o700);
    // The parent holds the watcher's neighbour table and mpath's state, read by normal users.
    assert.equal(statSync(join(tmp, "run", "linkguard")).mode & 0o005, 0o005);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("readLabStateDir: no folder means no lab; a folder that is not one is an error naming it", () => {
  const tmp = mkdtempSync(join(tmpdir(), "lg-state-"));
  try {
    assert.deepEqual(readLabStateDir(join(tmp, "never-made")), []);
    const file = join(tmp, "a-file");
    writeFileSync(file, "");
    assert.throws(() => readLabStateDir(file), /cannot read the lab records in .*a-file: ENOTDIR/);
    const lab = join(tmp, "lab");
    makeLabStateDir(lab);
    writeFileSync(join(lab, "a1b2c3.json"), "{}");
    assert.deepEqual(readLabStateDir(lab), ["a1b2c3.json"]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
