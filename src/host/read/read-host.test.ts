import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../../test/support/paths.js";
import { readHost } from "./read-host.js";
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
