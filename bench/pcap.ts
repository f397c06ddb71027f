// bench/pcap: generate two captures in a temporary directory (deterministic, seeded): a
// realistic mix (default 1 GiB, BENCH_PCAP_MB to change it) and a storm file like incident
// 004's (the same mix, about 506 MB with BENCH_STORM_MB, plus a million copies of one 60-byte
// frame within 2.5 s). Time `linkguard pcap summary FILE --json` (native threads when the
// addon is built), in one pass (`--workers 1`), with worker threads, and the other verbs
// against the peers on each, file in page cache: cat, `tcpdump -r FILE -w /dev/null`,
// `tcpdump -nn -r FILE`, `tshark -q -z io,stat,1`. Prints the median of BENCH_RUNS runs
// (default 3; tshark once), MB/s, peak RSS, and for each file the ratio of
// `tcpdump -r FILE -w /dev/null` to the summary, both run in turn (1.0 or more: the summary
// is as fast).
// Run: node dist/bench/pcap.js   (BENCH_KEEP=1 keeps the files, BENCH_TSHARK=0 skips tshark,
// BENCH_GENERATE_ONLY=1 only writes the two files and says where, BENCH_FILES=DIR reads
// DIR/mix.pcap and DIR/storm.pcap, made there if missing and never removed)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCapture, STORM, type Storm } from "../test/pcap-bench-captures.js";

const TARGET_MB = Number(process.env.BENCH_PCAP_MB ?? 1024);
const STORM_MB = Number(process.env.BENCH_STORM_MB ?? 506);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PCAP_CLI = fileURLToPath(new URL("../src/cli/pcap.js", import.meta.url));
const MAIN_CLI = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

interface Timing {
  name: string;
  /** The command as run (FILE for the capture), so the same can be run by hand. */
  command: string;
  ms: number;
  /** Median CPU time (user + system), when GNU time is there. */
  cpuMs: number | null;
  rssMb: number | null;
  ok: boolean;
}

interface Run {
  ms: number;
  cpuMs: number;
  rssKb: number;
  ok: boolean;
}

const HAS_TIME =
  spawnSync("sh", ["-c", "command -v /usr/bin/time"], { stdio: "ignore" }).status === 0;

/** Run a shell command once (stdout to /dev/null in the command): wall time, CPU, peak RSS. */
function runOnce(shell: string): Run {
  const argv = HAS_TIME
    ? ["/usr/bin/time", "-f", "%M %U %S", "sh", "-c", shell]
    : ["sh", "-c", shell];
  const t0 = performance.now();
  const r = spawnSync(argv[0] as string, argv.slice(1), { encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  const [kb, user, sys] = HAS_TIME
    ? (r.stderr.trim().split("\n").pop() ?? "").split(" ").map(Number)
    : [];
  const cpuMs = ((user ?? Number.NaN) + (sys ?? Number.NaN)) * 1000;
  return { ms, cpuMs, rssKb: kb ?? Number.NaN, ok: r.status === 0 };
}

function timingOf(name: string, command: string, runs: Run[]): Timing {
  const kb = runs.map((r) => r.rssKb).filter(Number.isFinite);
  const cpu = runs.map((r) => r.cpuMs).filter(Number.isFinite);
  return {
    name,
    command,
    ms: median(runs.map((r) => r.ms)),
    cpuMs: cpu.length === 0 ? null : median(cpu),
    rssMb: kb.length === 0 ? null : Math.max(...kb) / 1024,
    ok: runs.every((r) => r.ok),
  };
}

/** Time a shell command `runs` times. */
function time(name: string, shell: string, runs: number): Timing {
  return timingOf(
    name,
    shell,
    Array.from({ length: runs }, () => runOnce(shell)),
  );
}

/** `linkguard pcap <sub> FILE --json`: the real bin once main.ts registers pcap, else the same
 * registerPcap in a fresh node. */
function linkguard(sub: string, file: string, ...extra: string[]): string {
  const args = [sub, file, "--json", ...extra];
  if (readFileSync(MAIN_CLI, "utf8").includes("registerPcap")) {
    return [process.execPath, MAIN_CLI, "pcap", ...args]
      .map(shellQuote)
      .join(" ")
      .concat(" > /dev/null");
  }
  const argv = JSON.stringify(["node", "linkguard", "pcap", ...args]);
  const script = `import { Command } from "commander"; import { registerPcap } from ${JSON.stringify(PCAP_CLI)}; const p = new Command(); registerPcap(p); await p.parseAsync(${argv});`;
  return `${shellQuote(process.execPath)} --input-type=module -e ${shellQuote(script)} > /dev/null`;
}

function shellQuote(s: string): string {
  return `'${s.replaceAll("'", "'\\''")}'`;
}

/**
 * The summary against its peer, run in turn (summary, peer, summary, peer, ...) so that both
 * see the same load on a shared machine; each ratio is the median of the pairs' ratios (peer
 * time / summary time: 1.0 or more means the summary is at least as fast), in wall time and
 * in CPU time (user + system: what a busy machine makes both pay).
 */
function paired(
  label: string,
  mine: [string, string],
  peer: [string, string],
  runs: number,
): { mine: Timing; peer: Timing; ratio: number; cpuRatio: number; label: string } {
  const a: Run[] = [];
  const b: Run[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(runOnce(mine[1]));
    b.push(runOnce(peer[1]));
  }
  const ratio = median(a.map((x, i) => (b[i] as Run).ms / x.ms));
  const cpuRatio = median(a.map((x, i) => (b[i] as Run).cpuMs / x.cpuMs));
  return {
    mine: timingOf(mine[0], mine[1], a),
    peer: timingOf(peer[0], peer[1], b),
    ratio,
    cpuRatio,
    label,
  };
}

function printRows(rows: Timing[], mb: number, summary: Timing): void {
  for (const r of rows) {
    const rate = mb / (r.ms / 1000);
    const ratio = summary.ms / r.ms;
    const cpu = r.cpuMs === null ? "" : `, CPU ${(r.cpuMs / 1000).toFixed(2)} s`;
    const rss = r.rssMb === null ? "" : `, peak RSS ${r.rssMb.toFixed(0)} MB`;
    const vs = r === summary ? "" : `; summary is ${(1 / ratio).toFixed(2)}x its speed`;
    const failed = r.ok ? "" : " (exit status non-zero)";
    process.stdout.write(
      `${r.name.padEnd(34)} median ${(r.ms / 1000).toFixed(2)} s  ${rate.toFixed(0).padStart(6)} MB/s${cpu}${rss}${vs}${failed}\n`,
    );
  }
}

function made(file: string, storm?: Storm): number {
  if (REUSE !== undefined && existsSync(file)) {
    spawnSync("sh", ["-c", `cat ${shellQuote(file)} > /dev/null`]); // into the page cache
    const mb = statSync(file).size / 1e6;
    process.stdout.write(`reusing ${file}: ${mb.toFixed(0)} MB\n`);
    return mb;
  }
  const t0 = performance.now();
  const g = generateCapture(file, storm === undefined ? TARGET_MB : STORM_MB, storm);
  const mb = g.bytes / 1e6;
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  process.stdout.write(`generated ${file}: ${g.frames} frames, ${mb.toFixed(0)} MB in ${s} s\n`);
  spawnSync("sh", ["-c", `cat ${shellQuote(file)} > /dev/null`]); // into the page cache
  return mb;
}

const REUSE = process.env.BENCH_FILES;
if (REUSE !== undefined) mkdirSync(REUSE, { recursive: true });
const dir = REUSE ?? mkdtempSync(join(tmpdir(), "linkguard-bench-pcap-"));
const file = join(dir, "mix.pcap");
const stormFile = join(dir, "storm.pcap");
if (process.env.BENCH_GENERATE_ONLY === "1") {
  made(file);
  made(stormFile, STORM);
  process.exit(0);
}
try {
  const mb = made(file);
  const q = shellQuote(file);
  const tcpdumpW = (q: string): [string, string] => [
    "tcpdump -r FILE -w /dev/null",
    `tcpdump -r ${q} -w /dev/null 2>/dev/null`,
  ];
  const mixPair = paired(
    "mixed file",
    ["linkguard pcap summary --json", linkguard("summary", file)],
    tcpdumpW(q),
    RUNS,
  );
  const rows: Timing[] = [
    mixPair.mine,
    time("linkguard pcap lacp --json", linkguard("lacp", file), RUNS),
    time("linkguard pcap arp --json", linkguard("arp", file), RUNS),
    time("pcap summary --json --workers 1", linkguard("summary", file, "--workers", "1"), RUNS),
    time("pcap summary --json --workers 2", linkguard("summary", file, "--workers", "2"), RUNS),
    time("cat FILE > /dev/null", `cat ${q} > /dev/null`, RUNS),
    mixPair.peer,
    time("tcpdump -nn -r FILE > /dev/null", `tcpdump -nn -r ${q} > /dev/null 2>/dev/null`, RUNS),
  ];
  if (process.env.BENCH_TSHARK !== "0") {
    rows.push(
      time("tshark -r FILE -q -z io,stat,1", `tshark -r ${q} -q -z io,stat,1 > /dev/null 2>&1`, 1),
    );
  }
  printRows(rows, mb, mixPair.mine);
  if (REUSE === undefined) rmSync(file, { force: true }); // the disk may be shared: one at a time

  const stormMb = made(stormFile, STORM);
  const sq = shellQuote(stormFile);
  const stormPair = paired(
    "storm file",
    ["linkguard pcap summary --json", linkguard("summary", stormFile)],
    tcpdumpW(sq),
    RUNS,
  );
  printRows(
    [
      stormPair.mine,
      time("linkguard pcap storms --json", linkguard("storms", stormFile), RUNS),
      time(
        "pcap summary --json --workers 1",
        linkguard("summary", stormFile, "--workers", "1"),
        RUNS,
      ),
      time(
        "pcap summary --json --workers 2",
        linkguard("summary", stormFile, "--workers", "2"),
        RUNS,
      ),
      stormPair.peer,
    ],
    stormMb,
    stormPair.mine,
  );
  for (const p of [mixPair, stormPair]) {
    process.stdout.write(
      `ratio ${p.label}: ${p.ratio.toFixed(2)} wall, ${p.cpuRatio.toFixed(2)} CPU (time of \`${p.peer.command}\` / time of \`${p.mine.command}\`, median of ${RUNS} pairs run in turn; 1.0 or more: the summary is as fast or faster)\n`,
    );
  }
} finally {
  if (process.env.BENCH_KEEP === "1" || REUSE !== undefined) process.stdout.write(`kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
