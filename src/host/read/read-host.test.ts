import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../../test/support/paths.js";
import { readHost, SNAPSHOT_MARKER } from "./read-host.js";
import { openRootFs, type RootFs } from "./root-fs.js";

test("a file this user may not read is a fact not seen, not broken input: no problem, named in unseen", () => {
  const dir = join(REPO_ROOT, "examples/healthy-8023ad");
  const inner = openRootFs(dir);
  // What a non-root doctor meets on a host where the watcher made /run/linkguard 0700.
  const fs: RootFs = {
    ...inner,
    read(rel) {
      if (rel === "run/linkguard/neighbours.jsonl") {
        inner.denied.push(rel);
        return undefined;
      }
      return inner.read(rel);
    },
  };
  const snap = readHost(dir, { live: false, fs });
  assert.ok(
    snap.unseen.includes("run/linkguard/neighbours.jsonl: permission denied"),
    snap.unseen.join("\n"),
  );
  // problems become the doctor's input-unparseable warnings
  assert.deepEqual(snap.problems, []);
});

test("a snapshot's report says what the host that took it could not see (failed commands, unreadable files)", () => {
  const dir = mkdtempSync(join(tmpdir(), "lg-marker-"));
  try {
    cpSync(join(REPO_ROOT, "examples/healthy-8023ad"), dir, { recursive: true });
    const marker = (m: object) => writeFileSync(join(dir, SNAPSHOT_MARKER), JSON.stringify(m));
    marker({
      tool: "linkguard",
      failed_commands: ["dmidecode: not installed (package dmidecode)"],
      unseen: [
        "command failed: dmidecode: not installed (package dmidecode)",
        "run/linkguard/neighbours.jsonl: permission denied (run as root to read it)",
      ],
    });
    const unseen = readHost(dir, { live: false }).unseen;
    assert.ok(
      unseen.includes(
        "when the snapshot was taken, command failed: dmidecode: not installed (package dmidecode)",
      ),
      unseen.join("\n"),
    );
    assert.ok(
      unseen.includes(
        "when the snapshot was taken: run/linkguard/neighbours.jsonl: permission denied (run as root to read it)",
      ),
    );
    assert.equal(unseen.filter((u) => u.includes("dmidecode")).length, 1, "said once");
    assert.ok(!unseen.some((u) => u.includes("not root")), "no uid in the marker: nothing said");
    marker({ tool: "linkguard", uid: 1000 });
    assert.ok(
      readHost(dir, { live: false }).unseen.some((u) =>
        u.startsWith(
          "the snapshot was taken as uid 1000, not root: the kernel hid 802.3ad partner details",
        ),
      ),
    );
    // a forged marker is input too: only strings, at most 50 lines
    marker({
      failed_commands: [{ x: 1 }, ...Array.from({ length: 80 }, (_, i) => `c${i}`)],
      unseen: "x",
    });
    const forged = readHost(dir, { live: false }).unseen.filter((u) =>
      u.startsWith("when the snapshot"),
    );
    assert.equal(forged.length, 50);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
