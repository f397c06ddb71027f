import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { openRoot, RootError } from "./open-root.js";
import { openRootFs } from "./root-fs.js";
import { removeTree } from "./run-temp.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-open-root-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function tarOf(name: string, build: (dir: string) => void): string {
  const src = join(tmp, `${name}-src`);
  mkdirSync(src);
  build(src);
  const out = join(tmp, `${name}.tar.gz`);
  execFileSync("tar", ["-czf", out, "-C", src, "."]);
  return out;
}

test("a tarball whose only entry is a symlink to a directory elsewhere is not stepped into", async () => {
  const tarball = tarOf("lone-link", (d) => symlinkSync("/etc", join(d, "sosreport-web01")));
  const opened = await openRoot(tarball, { tmpRoot: tmp });
  try {
    assert.ok(opened.dir.startsWith(tmp), `reads ${opened.dir}`);
    const fs = openRootFs(opened.dir, { confine: true });
    assert.equal(fs.read("sosreport-web01/hostname"), undefined);
    assert.deepEqual(fs.used, []);
  } finally {
    opened.close();
  }
});

test("a tarball with more members than the entry bound is refused, naming that bound", async () => {
  const tarball = tarOf("many", (d) => {
    for (let i = 0; i < 50; i++) writeFileSync(join(d, `f${i}`), "x\n");
  });
  await assert.rejects(
    openRoot(tarball, { bounds: { entries: 20, bytes: 1e9 }, tmpRoot: tmp }),
    (e: unknown) =>
      e instanceof RootError &&
      /holds more than 20 members, the most doctor unpacks \(the entry bound\)/.test(e.message),
  );
  assert.deepEqual(
    readdirSync(tmp).filter((n) => n.startsWith("linkguard-root-")),
    [],
    "nothing unpacked",
  );
});

test("a tarball that unpacks past the byte bound is refused before writing, naming the bound", async () => {
  const tarball = tarOf("bomb", (d) => execFileSync("truncate", ["-s", "30M", join(d, "zeros")]));
  await assert.rejects(
    openRoot(tarball, { bounds: { entries: 100, bytes: 10 * 1024 * 1024 }, tmpRoot: tmp }),
    /unpacks to at least 30\.0 MiB, more than the 10\.0 MiB doctor unpacks \(the unpacked-bytes bound\)/,
  );
  assert.deepEqual(
    readdirSync(tmp).filter((n) => n.startsWith("linkguard-root-")),
    [],
  );
});

test("a tarball holding a FIFO unpacks; the FIFO is there but never read", async () => {
  const tarball = tarOf("fifo", (d) => {
    mkdirSync(join(d, "proc"));
    writeFileSync(join(d, "hostname"), "web01\n");
    execFileSync("mkfifo", [join(d, "proc", "pipe")]);
  });
  const opened = await openRoot(tarball, { tmpRoot: tmp });
  try {
    const fs = openRootFs(opened.dir, { confine: true });
    assert.equal(fs.read("proc/pipe"), undefined);
    assert.match(fs.problems[0]?.message ?? "", /FIFO/);
  } finally {
    opened.close();
  }
  assert.equal(existsSync(opened.dir), false, "temp dir removed");
});

test("removeTree removes a 3,000-level tree (fs.rm overflows its stack on it)", () => {
  const top = join(tmp, "deep");
  execFileSync("python3", [
    "-c",
    "import os,sys\nos.mkdir(sys.argv[1]); os.chdir(sys.argv[1])\nfor _ in range(3000):\n  os.mkdir('d'); os.chdir('d')\n",
    top,
  ]);
  removeTree(top);
  assert.equal(existsSync(top), false);
});
