// Withstood, and kept so: sosreports and tarballs built to escape, loop, confuse or exhaust
// the doctor. Each is read without leaving its root, without hanging and without a crash.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { loadConfig } from "../src/config/config.js";
import { readHost } from "../src/host/read/read-host.js";
import { runDoctor } from "../src/web/doctor-run.js";
import { runCli } from "./support/cli.js";
import { REPO_ROOT } from "./support/paths.js";
import { needs } from "./support/requires.js";

const skip = needs({ tools: ["tar", "python3", "mkfifo"] });
const tmp = mkdtempSync(join(tmpdir(), "linkguard-hostile-roots-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A tarball made member by member with Python's tarfile: what GNU tar would never write. */
function craftTarball(name: string, script: string): string {
  const out = join(tmp, name);
  execFileSync("python3", [
    "-c",
    `import io, sys, tarfile\nt = tarfile.open(sys.argv[1], "w:gz")\ndef add(name, data=b"", **kw):\n    i = tarfile.TarInfo(name)\n    for k, v in kw.items(): setattr(i, k, v)\n    i.size = len(data)\n    t.addfile(i, io.BytesIO(data))\n${script}\nt.close()\n`,
    out,
  ]);
  return out;
}

test("withstood: '..' and absolute members, and hard links out, do not write or read outside", {
  skip,
}, () => {
  const canary = join(tmp, "escaped");
  const tarball = craftTarball(
    "escape.tar.gz",
    [
      'add("sos/hostname", b"tarball-host\\n")',
      `add("../escaped", b"x")`,
      `add("${canary}", b"x")`,
      'add("sos/etc/hostname", type=tarfile.LNKTYPE, linkname="/etc/hostname")',
      // outside-path-ok: the hard link out of the tarball is the attack under test
      'add("sos/proc/version", type=tarfile.LNKTYPE, linkname="../../../../etc/hostname")',
    ].join("\n"),
  );
  const r = runCli(["doctor", "--root", tarball, "--json"], { env: { TMPDIR: tmp } });
  assert.equal(existsSync(canary), false, "a member was written outside the unpack dir");
  assert.ok(!r.stdout.includes(hostname()) || hostname() === "tarball-host", "read this machine");
  assert.ok([0, 1, 2, 3].includes(r.code ?? -1), r.stderr);
});

test("withstood: a symlink loop and links out of the tree are problems, not hangs or reads", {
  skip,
}, () => {
  const root = join(tmp, "loops");
  mkdirSync(join(root, "proc", "net", "bonding"), { recursive: true });
  symlinkSync("bond1", join(root, "proc", "net", "bonding", "bond0"));
  symlinkSync("bond0", join(root, "proc", "net", "bonding", "bond1"));
  symlinkSync("/etc/hostname", join(root, "hostname"));
  symlinkSync("/", join(root, "sys"));
  const snap = readHost(root);
  assert.notEqual(snap.hostname, hostname());
  assert.deepEqual(snap.interfaces, {}, "nothing read through sys -> /");
  assert.ok(snap.problems.some((p) => /ELOOP|outside the root/.test(p.message)));
});

test("withstood: file names that are not UTF-8 do not crash the doctor", { skip }, () => {
  const root = join(tmp, "non-utf8");
  const scripts = join(root, "etc", "sysconfig", "network-scripts");
  mkdirSync(scripts, { recursive: true });
  writeFileSync(Buffer.from(`${scripts}/ifcfg-\xff\xfe`, "latin1"), "DEVICE=eth0\n");
  const r = runCli(["doctor", "--root", root, "--json"]);
  assert.ok([0, 1, 2].includes(r.code ?? -1), r.stderr);
  JSON.parse(r.stdout);
});

test("withstood: a root of random bytes is refused or read, never a crash", { skip }, () => {
  const junk = join(tmp, "random.tar.gz");
  execFileSync("python3", [
    "-c",
    "import os,sys; open(sys.argv[1],'wb').write(os.urandom(65536))",
    junk,
  ]);
  const r = runCli(["doctor", "--root", junk]);
  assert.equal(r.code, 3);
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
});

test("serve --doctor-root over a root with a FIFO answers instead of hanging", {
  skip,
}, async () => {
  const root = join(tmp, "fifo-root");
  execFileSync("cp", ["-r", join(REPO_ROOT, "examples", "000-lacp-no-partner"), root]);
  const bond0 = join(root, "proc", "net", "bonding", "bond0");
  rmSync(bond0);
  execFileSync("mkfifo", [bond0]);
  const run = await runDoctor(root, { timeoutMs: 20_000 });
  assert.ok(run.findings.some((f) => f.rule === "input-unparseable" && /FIFO/.test(f.title)));
});

test("withstood: a YAML alias bomb and __proto__ keys in the config are refused or inert", () => {
  const bomb = join(tmp, "bomb.yaml");
  const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 12; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    levels.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(", ")}]`);
  }
  writeFileSync(bomb, `${levels.join("\n")}\n`);
  const started = Date.now();
  assert.throws(() => loadConfig(bomb));
  assert.ok(Date.now() - started < 5000, "the alias bomb took too long");

  const proto = join(tmp, "proto.yaml");
  writeFileSync(proto, "__proto__:\n  polluted: true\ndoctor:\n  silence: []\n");
  try {
    loadConfig(proto);
  } catch {
    // refusing it is as good as ignoring it
  }
  assert.equal(({} as { polluted?: boolean }).polluted, undefined, "Object.prototype polluted");
  assert.deepEqual(
    readdirSync(tmp).filter((f) => f.startsWith("linkguard-root-")),
    [],
  );
});

test("a run removes the temp dirs a killed run left behind, and only those", () => {
  const tmpRoot = join(tmp, "sweep");
  mkdirSync(tmpRoot);
  const gone = spawnSync("true").pid as number; // a pid whose process has exited
  const stale = join(tmpRoot, `linkguard-root-${gone}-AbC123`);
  mkdirSync(join(stale, "sosreport", "proc"), { recursive: true });
  writeFileSync(join(stale, "sosreport", "proc", "big"), "x".repeat(1024));
  const live = join(tmpRoot, `linkguard-fleet-${process.pid}-XyZ789`);
  mkdirSync(live);
  const other = join(tmpRoot, "linkguard-root-notapid");
  mkdirSync(other);
  const r = runCli(["doctor", "--root", join(REPO_ROOT, "examples", "healthy-8023ad")], {
    env: { TMPDIR: tmpRoot },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(existsSync(stale), false, "the killed run's temp dir is still there");
  assert.ok(existsSync(live), "a running process's temp dir was removed");
  assert.ok(existsSync(other), "a dir that is not a run temp dir was removed");
});

test("a character device (/dev/zero's numbers) in one host of a fleet: skipped, every host reported", {
  skip: needs({ root: true, tools: ["mknod"] }),
}, () => {
  const fleet = join(tmp, "chardev-fleet");
  mkdirSync(fleet);
  execFileSync("cp", ["-r", join(REPO_ROOT, "examples", "000-lacp-no-partner"), fleet]);
  execFileSync("cp", ["-r", join(REPO_ROOT, "examples", "healthy-8023ad"), fleet]);
  const bond0 = join(fleet, "000-lacp-no-partner", "proc", "net", "bonding", "bond0");
  rmSync(bond0);
  execFileSync("mknod", [bond0, "c", "1", "5"]);
  const r = runCli(["doctor", "--root", fleet, "--json"], { env: { TMPDIR: tmp } });
  const doc = JSON.parse(r.stdout) as {
    hosts: Array<{ status: string; findings?: Array<{ rule: string; title: string }> }>;
  };
  assert.deepEqual(
    doc.hosts.map((h) => h.status === "error"),
    [false, false],
  );
  assert.ok(
    doc.hosts[0]?.findings?.some((f) => /a character device, not a regular file/.test(f.title)),
  );
});
