// `lab list` as a user who is not root: the labs' records are root's (a 0700 folder), so the
// user is told that and why, with exit 3, instead of an empty list that reads "no lab is up".
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { makeLabStateDir } from "../src/lab/state-dir.js";
import { DUAL_HOMED } from "../src/lab/topologies.js";
import { CLI } from "./support/cli.js";
import { REPO_ROOT } from "./support/paths.js";
import { needs } from "./support/requires.js";

const skip = needs({ root: true });

function labList(stateDir: string, as: "root" | "nobody") {
  const r = spawnSync(process.execPath, [CLI, "lab", "list"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 30_000,
    ...(as === "nobody" && { uid: 65534, gid: 65534 }),
    env: {
      PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin",
      NO_COLOR: "1",
      LINKGUARD_LAB_STATE: stateDir,
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("lab list as nobody says it cannot read root's lab records, and exits 3", { skip }, () => {
  // Not the machine's own state folder: other runs' labs are not this test's to show.
  const tmp = mkdtempSync(join(tmpdir(), "linkguard-lab-list-"));
  try {
    chmodSync(tmp, 0o755);
    const dir = join(tmp, "run", "linkguard", "lab");
    makeLabStateDir(dir);
    const record = { id: "a1b2c3", topology: DUAL_HOMED, created_ms: Date.UTC(2026, 0, 2) };
    writeFileSync(join(dir, "a1b2c3.json"), JSON.stringify(record));

    const root = labList(dir, "root");
    assert.equal(root.code, 0, root.stderr);
    assert.equal(root.stdout, "a1b2c3  dual-homed  since 2026-01-02T00:00:00.000Z\n");

    const nobody = labList(dir, "nobody");
    assert.equal(nobody.code, 3, nobody.stderr);
    assert.equal(nobody.stdout, "");
    assert.match(
      nobody.stderr,
      /cannot read the lab records in \S+\/run\/linkguard\/lab: permission denied \(they are root's; run it with sudo\)/,
    );

    // No state folder at all: no lab was ever made here, which is the truth for anyone.
    const none = labList(join(tmp, "run", "elsewhere"), "nobody");
    assert.deepEqual([none.code, none.stdout], [0, ""], none.stderr);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
