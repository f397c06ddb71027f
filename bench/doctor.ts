// bench/doctor: the doctor over 1,000 generated snapshot directories in one process, and one
// `linkguard doctor` process (snapshot and live) wall time, start-up included.
// Targets: 1,000 hosts < 5 s; a single live run < 300 ms.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { diagnose } from "../src/doctor/engine.js";
import { readHost } from "../src/host/read/read-host.js";
import { writeHost } from "./generate-hosts.js";
import { median } from "./support/stats.js";

const HOSTS = Number(process.env.BENCH_HOSTS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CLI = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));

function timeProcess(argv: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(argv[0] as string, argv.slice(1), { stdio: "ignore", timeout: 60_000 });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  return ms;
}

const dir = mkdtempSync(join(tmpdir(), "linkguard-bench-"));
try {
  for (let n = 0; n < HOSTS; n++) writeHost(join(dir, `host-${n}`), n);
  const batch: number[] = [];
  let findings = 0;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    findings = 0;
    for (let n = 0; n < HOSTS; n++)
      findings += diagnose(readHost(join(dir, `host-${n}`), { live: false })).findings.length;
    batch.push(performance.now() - t0);
  }
  const one = join(dir, "host-0");
  const snapRuns = Array.from({ length: RUNS * 2 }, () =>
    timeProcess([process.execPath, CLI, "doctor", "--root", one, "--json"]),
  );
  const liveRuns = Array.from({ length: RUNS * 2 }, () =>
    timeProcess([process.execPath, CLI, "doctor", "--json"]),
  );
  const nodeRuns = Array.from({ length: RUNS * 2 }, () =>
    timeProcess([process.execPath, "-e", "0"]),
  );
  const b = median(batch);
  const s = median(snapRuns);
  const l = median(liveRuns);
  const floor = median(nodeRuns);
  const lines = [
    `doctor, ${HOSTS} snapshot dirs in one process: median ${(b / 1000).toFixed(2)} s over ${RUNS} runs (${((b * 1000) / HOSTS).toFixed(0)} µs/host, ${findings} findings) [target < 5 s]`,
    `doctor --root <one snapshot>, one process:    median ${s.toFixed(0)} ms over ${snapRuns.length} runs`,
    `doctor (live host), one process:              median ${l.toFixed(0)} ms over ${liveRuns.length} runs [target < 300 ms]`,
    `peer: node -e 0 (Node start-up floor):        median ${floor.toFixed(0)} ms; live doctor = ${(l / floor).toFixed(1)}x the floor`,
    `peer command: hyperfine 'node -e 0' 'node ${CLI} doctor --json'`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
