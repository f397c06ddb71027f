import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readlinkSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { needs } from "../../../test/support/requires.js";
import { writeNewc } from "./cpio.js";

const archive = () =>
  writeNewc([
    { kind: "dir", path: "/bin" },
    { kind: "file", path: "/init", data: Buffer.from("#!/bin/sh\necho hi\n"), mode: 0o755 },
    { kind: "symlink", path: "/bin/sh", target: "busybox" },
    { kind: "file", path: "/odd", data: Buffer.from("12345") },
  ]);

test("writeNewc aligns every header and payload to 4 bytes and ends with the trailer", () => {
  const a = archive();
  assert.equal(a.length % 4, 0);
  assert.equal(a.subarray(0, 6).toString(), "070701");
  assert.ok(a.includes(Buffer.from("TRAILER!!!\0")));
  // The second record starts on a 4-byte boundary with the magic.
  const second = a.indexOf("070701", 6);
  assert.equal(second % 4, 0);
});

test("writeNewc output unpacks with cpio -i into the same files, modes and links", {
  skip: needs({ tools: ["cpio"] }),
}, () => {
  const dir = mkdtempSync(join(tmpdir(), "lg-cpio-"));
  try {
    execFileSync("cpio", ["-i", "-d", "--quiet"], { cwd: dir, input: archive() });
    assert.equal(readFileSync(join(dir, "init"), "utf8"), "#!/bin/sh\necho hi\n");
    assert.equal(statSync(join(dir, "init")).mode & 0o777, 0o755);
    assert.equal(readlinkSync(join(dir, "bin/sh")), "busybox");
    assert.equal(readFileSync(join(dir, "odd"), "utf8"), "12345");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("writeNewc refuses a path that climbs out of the archive", () => {
  assert.throws(() => writeNewc([{ kind: "dir", path: "../etc" }]), /bad path/);
});
