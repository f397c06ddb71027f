// The live reader on this machine: as root, and as an unprivileged user (the kernel hides
// 802.3ad details from non-root users; the doctor must still run and say so).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { doctorReportSchema } from "../src/doctor/report-schema.js";
import { readHost } from "../src/host/read/read-host.js";
import { CLI, runCli } from "./support/cli.js";
import { REPO_ROOT } from "./support/paths.js";

test("readHost('/') sees this machine's loopback with 127.0.0.1/8", () => {
  const snap = readHost("/");
  assert.equal(snap.origin, "live");
  const lo = snap.interfaces.lo;
  assert.ok(lo, "no lo interface");
  assert.ok(lo.addresses.some((a) => a.address === "127.0.0.1" && a.prefix === 8));
  assert.ok(snap.sources.some((f) => f.startsWith("sys/class/net/")));
});

test("doctor on the live host prints a valid JSON report", () => {
  const r = runCli(["doctor", "--json"]);
  assert.ok([0, 1, 2].includes(r.code ?? -1), r.stderr);
  const report = doctorReportSchema.parse(JSON.parse(r.stdout));
  assert.equal(report.origin, "live");
});

const isRoot = process.getuid?.() === 0;
test("doctor runs on the live host as an unprivileged user", {
  skip: isRoot ? false : "needs root to switch to an unprivileged user",
}, () => {
  const r = spawnSync(process.execPath, [CLI, "doctor", "--json"], {
    cwd: REPO_ROOT,
    uid: 65534,
    gid: 65534,
    encoding: "utf8",
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin", NO_COLOR: "1" },
  });
  assert.ok([0, 1, 2].includes(r.status ?? -1), `exit ${r.status}: ${r.stderr}`);
  const report = doctorReportSchema.parse(JSON.parse(r.stdout));
  assert.equal(report.origin, "live");
});
