// The layer rule (docs/adr/0002-layers.md) is enforced by the repository's own biome.json: an
// upward import, an I/O import in pure code and an import cycle each fail the linter, and the
// imports the layers allow pass. Each case is a small file in a temp tree linted with that config.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { REPO_ROOT } from "./support/paths.js";

const run = promisify(execFile);
const BIOME = join(REPO_ROOT, "node_modules", "@biomejs", "biome", "bin", "biome");

const FILES: Record<string, string> = {
  // allowed: each imports only what lies below it
  "src/lib/ok.ts": 'import { numberedLines } from "./text.js";\nexport const f = numberedLines;\n',
  "src/watch/ok.ts":
    'import type { HostSnapshot } from "../host/model.js";\nexport type S = HostSnapshot;\n',
  "src/web/ok.ts": 'import type { Store } from "../store/store.js";\nexport type S = Store;\n',
  "src/runtime/ok.ts":
    'import type { WatchEvent } from "../events/types.js";\nexport type W = WatchEvent;\n',
  "src/store/ok.ts":
    'import type { WatchEvent } from "../events/types.js";\nexport type W = WatchEvent;\n',
  "src/mpath/ok.ts":
    'import { LinkMonitor } from "../runtime/link-monitor.js";\nexport const l = LinkMonitor;\n',
  "src/watch/ok-runtime.ts":
    'import { createSink } from "../runtime/sinks/index.js";\nexport const c = createSink;\n',
  "src/watch/detect/reads.test.ts":
    'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n',
  "src/doctor/diagnose-root.ts":
    'import { readHost } from "../host/read/read-host.js";\nexport const r = readHost;\n',
  // upward
  "src/lib/up.ts": 'import type { Evidence } from "../host/model.js";\nexport type E = Evidence;\n',
  "src/watch/up.ts":
    'import { startServer } from "../web/server.js";\nexport const s = startServer;\n',
  "src/web/up.ts": 'import { VERSION } from "../cli/version.js";\nexport const v = VERSION;\n',
  "src/heal/up.ts":
    'import type { WatchEvent } from "../watch/watcher.js";\nexport type W = WatchEvent;\n',
  // runtime sits under both daemons, and they do not import each other
  "src/runtime/up.ts":
    'import { Watcher } from "../watch/watcher.js";\nexport const w = Watcher;\n',
  "src/runtime/up-mpath.ts":
    'import { GroupRunner } from "../mpath/group-runner.js";\nexport const g = GroupRunner;\n',
  "src/mpath/sideways.ts":
    'import { WatchMetrics } from "../watch/metrics.js";\nexport const m = WatchMetrics;\n',
  "src/watch/sideways.ts":
    'import { Engine } from "../mpath/engine.js";\nexport const e = Engine;\n',
  "src/store/up.ts":
    'import { createSink } from "../runtime/sinks/index.js";\nexport const c = createSink;\n',
  "src/events/up.ts": 'import type { Bond } from "../host/model.js";\nexport type B = Bond;\n',
  // the watch daemon no longer wires the dashboard: the CLI hands it in
  "src/watch/daemon.ts":
    'import type { RunningServer } from "../web/server.js";\nexport type R = RunningServer;\n',
  "src/watch/daemon-web.ts":
    'const web = await import("../web/dashboard.js");\nexport const s = web.startDashboard;\n',
  "src/doctor/up.ts": 'import type { Packet } from "../pcap/packet.js";\nexport type P = Packet;\n',
  "src/watch/daemon-up.ts":
    'import { program } from "../cli/main.js";\nexport const p = program;\n',
  "src/mpath/daemon.ts": 'import { main } from "../cli/main.js";\nexport const m = main;\n',
  // I/O in pure code
  "src/watch/detect/reads.ts":
    'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n',
  "src/host/parse/spawns.ts":
    'import { execFile } from "node:child_process";\nexport const e = execFile;\n',
  "src/doctor/rules/reads-host.ts":
    'import { readHost } from "../../host/read/read-host.js";\nexport const r = readHost;\n',
  "src/mpath/engine.ts": 'import { run } from "../host/exec.js";\nexport const r = run;\n',
  "src/runtime/parse/reads.ts":
    'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n',
  "src/host/parse/reads-sibling.ts":
    'import { readHost } from "../read/read-host.js";\nexport const r = readHost;\n',
  // a cycle made of type-only imports
  "src/web/cycle-a.ts": 'import type { B } from "./cycle-b.js";\nexport type A = B | 1;\n',
  "src/web/cycle-b.ts": 'import type { A } from "./cycle-a.js";\nexport type B = A | 2;\n',
};

interface Diagnostic {
  category: string;
  location: { path: string };
}

let dir = "";
let byFile = new Map<string, string[]>();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "linkguard-layers-"));
  const config = JSON.parse(readFileSync(join(REPO_ROOT, "biome.json"), "utf8"));
  // The temp tree is no git checkout and holds only the cases.
  config.vcs = { enabled: false };
  config.files = { includes: ["**"] };
  writeFileSync(join(dir, "biome.json"), JSON.stringify(config));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const out = await run(
    process.execPath,
    [BIOME, "lint", "--reporter=json", "--max-diagnostics=none", "."],
    {
      cwd: dir,
      timeout: 60_000,
    },
  ).then(
    (r) => r.stdout,
    (err: { stdout?: string }) => err.stdout ?? "",
  );
  const report = JSON.parse(out) as { diagnostics: Diagnostic[] };
  byFile = new Map();
  for (const d of report.diagnostics) {
    const path = d.location.path.replaceAll("\\", "/");
    byFile.set(path, [...(byFile.get(path) ?? []), d.category]);
  }
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const errorsIn = (path: string) => byFile.get(path) ?? [];

test("the layer rule lets each folder import what lies below it", () => {
  for (const path of [
    "src/lib/ok.ts",
    "src/watch/ok.ts",
    "src/web/ok.ts",
    "src/runtime/ok.ts",
    "src/store/ok.ts",
    "src/mpath/ok.ts",
    "src/watch/ok-runtime.ts",
  ])
    assert.deepEqual(errorsIn(path), [], path);
});

test("the layer rule lets pure folders' tests read files, and the doctor's one entry read a root", () => {
  assert.deepEqual(errorsIn("src/watch/detect/reads.test.ts"), []);
  assert.deepEqual(errorsIn("src/doctor/diagnose-root.ts"), []);
});

test("an upward import fails the linter", () => {
  for (const path of [
    "src/lib/up.ts",
    "src/watch/up.ts",
    "src/web/up.ts",
    "src/heal/up.ts",
    "src/doctor/up.ts",
    "src/watch/daemon-up.ts",
    "src/mpath/daemon.ts",
    "src/runtime/up.ts",
    "src/runtime/up-mpath.ts",
    "src/store/up.ts",
    "src/events/up.ts",
    "src/watch/daemon.ts",
    "src/watch/daemon-web.ts",
  ])
    assert.deepEqual(errorsIn(path), ["lint/style/noRestrictedImports"], path);
});

test("node:fs, node:child_process, readers and commands in pure code fail the linter", () => {
  for (const path of [
    "src/watch/detect/reads.ts",
    "src/host/parse/spawns.ts",
    "src/doctor/rules/reads-host.ts",
    "src/mpath/engine.ts",
    "src/host/parse/reads-sibling.ts",
    "src/runtime/parse/reads.ts",
  ])
    assert.deepEqual(errorsIn(path), ["lint/style/noRestrictedImports"], path);
});

test("an import cycle fails the linter even when its imports are type-only", () => {
  assert.deepEqual(errorsIn("src/web/cycle-a.ts"), ["lint/suspicious/noImportCycles"]);
  assert.deepEqual(errorsIn("src/web/cycle-b.ts"), ["lint/suspicious/noImportCycles"]);
});

test("watch and mpath, on one layer, may not import each other", () => {
  for (const path of ["src/mpath/sideways.ts", "src/watch/sideways.ts"])
    assert.deepEqual(errorsIn(path), ["lint/style/noRestrictedImports"], path);
});
