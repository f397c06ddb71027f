import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { openRootFs } from "./root-fs.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-root-fs-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function root(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, "proc", "net", "bonding"), { recursive: true });
  return dir;
}

test("a FIFO where a file is expected is skipped at once with a problem, never read", () => {
  const dir = root("fifo");
  execFileSync("mkfifo", [join(dir, "proc", "net", "bonding", "bond0")]);
  const fs = openRootFs(dir, { confine: true });
  const started = Date.now();
  assert.equal(fs.read("proc/net/bonding/bond0"), undefined);
  assert.ok(Date.now() - started < 1000, "the read blocked");
  assert.match(fs.problems[0]?.message ?? "", /a FIFO, not a regular file; skipped/);
  assert.deepEqual(fs.used, []);
});

test("a character device (here /dev/zero) is skipped, not read until memory runs out", () => {
  const dir = root("chardev");
  symlinkSync("/dev/zero", join(dir, "proc", "net", "bonding", "bond0"));
  const fs = openRootFs(dir); // unconfined, as the live root is: the device itself is refused
  assert.equal(fs.read("proc/net/bonding/bond0"), undefined);
  assert.match(fs.problems[0]?.message ?? "", /a character device, not a regular file/);
});

test("a symlink out of a confined root is not followed", () => {
  const dir = root("outside");
  symlinkSync("/etc/hostname", join(dir, "hostname"));
  const fs = openRootFs(dir, { confine: true });
  assert.equal(fs.read("hostname"), undefined);
  assert.match(fs.problems[0]?.message ?? "", /symlink points outside the root/);
});

test("the files of one root are bounded together; the problem names the total bound", () => {
  const dir = root("total");
  const mib = `${"x".repeat(1023)}\n`.repeat(1024);
  for (const n of [0, 1, 2, 3]) writeFileSync(join(dir, "proc", "net", "bonding", `bond${n}`), mib);
  const fs = openRootFs(dir, { confine: true, maxTotalBytes: 2 * 1024 * 1024 });
  const read = [0, 1, 2, 3].map((n) => fs.read(`proc/net/bonding/bond${n}`));
  assert.deepEqual(
    read.map((t) => t !== undefined),
    [true, true, false, false],
  );
  assert.match(fs.problems[0]?.message ?? "", /stopped reading: .* \(the total bound\)/);
  assert.equal(fs.problems.length, 1, "said once");
});

test("a file over the per-file bound is skipped and named, also a sparse one", () => {
  const dir = root("big");
  execFileSync("truncate", ["-s", "64M", join(dir, "proc", "net", "bonding", "bond0")]);
  const fs = openRootFs(dir, { confine: true });
  assert.equal(fs.read("proc/net/bonding/bond0"), undefined);
  assert.match(fs.problems[0]?.message ?? "", /file is 67108864 bytes, over the per-file bound/);
});

test("/proc files (size 0 in stat) are still read to the end", () => {
  const fs = openRootFs("/");
  assert.match(fs.read("proc/self/status") ?? "", /^Name:/);
});

test("a file this user may not read goes to denied, not to problems", {
  skip: process.getuid?.() === 0 ? "root reads every file: run as a normal user" : false,
}, () => {
  const dir = root("denied");
  mkdirSync(join(dir, "run", "linkguard"), { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, "run", "linkguard", "neighbours.jsonl"), "{}\n");
  chmodSync(join(dir, "run", "linkguard"), 0o000);
  try {
    const fs = openRootFs(dir, { confine: true });
    assert.equal(fs.read("run/linkguard/neighbours.jsonl"), undefined);
    assert.deepEqual(fs.denied, ["run/linkguard/neighbours.jsonl"]);
    assert.deepEqual(fs.problems, []);
  } finally {
    chmodSync(join(dir, "run", "linkguard"), 0o700);
  }
});
