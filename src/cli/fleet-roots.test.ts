import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { isHostRoot, planRoots } from "./fleet-roots.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-fleet-roots-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function dir(rel: string, files: string[] = []): string {
  const path = join(tmp, rel);
  mkdirSync(path, { recursive: true });
  for (const f of files) {
    mkdirSync(join(path, f, ".."), { recursive: true });
    writeFileSync(join(path, f), "x\n");
  }
  return path;
}

test("a directory with proc/, sys/, etc/, sos_commands/ or the snapshot marker is one host", () => {
  assert.ok(isHostRoot(dir("h-proc", ["proc/net/bonding/bond0"])));
  assert.ok(isHostRoot(dir("h-sos", ["sos_commands/networking/ip_-d_address"])));
  assert.ok(isHostRoot(dir("h-etc", ["etc/netplan/01.yaml"])));
  assert.ok(isHostRoot(dir("h-snap", ["linkguard-snapshot.json"])));
  assert.ok(isHostRoot("/"));
  assert.ok(!isHostRoot(dir("h-none", ["notes.txt"])));
});

test("one host root stays a single-host run", () => {
  const host = dir("single", ["proc/net/bonding/bond0"]);
  assert.deepEqual(planRoots([host]), { fleet: false, roots: [{ root: host }] });
});

test("a directory of sosreports and tarballs is a fleet, entries in name order, other files skipped", () => {
  const fleet = dir("fleet");
  dir("fleet/web02", ["sos_commands/networking/ip_-d_address"]);
  dir("fleet/half-copied");
  dir("fleet/.cache", ["proc/x"]);
  writeFileSync(join(fleet, "web01.tar.xz"), "");
  writeFileSync(join(fleet, "SHA256SUMS"), "");
  const plan = planRoots([fleet]);
  assert.equal(plan.fleet, true);
  assert.deepEqual(plan.roots, [
    { root: join(fleet, "half-copied"), error: plan.roots[0]?.error },
    { root: join(fleet, "web01.tar.xz") },
    { root: join(fleet, "web02") },
  ]);
  assert.match(plan.roots[0]?.error ?? "", /not a sosreport or snapshot: none of proc, sys, etc/);
});

test("a directory with neither host files nor hosts in it is read as one host, as before", () => {
  const empty = dir("empty");
  assert.deepEqual(planRoots([empty]), { fleet: false, roots: [{ root: empty }] });
});

test("repeated --root is a fleet even when one of them does not exist (it becomes its row)", () => {
  const host = dir("single", ["proc/net/bonding/bond0"]);
  const missing = join(tmp, "nope.tar.gz");
  assert.deepEqual(planRoots([host, missing]), {
    fleet: true,
    roots: [{ root: host }, { root: missing }],
  });
});
