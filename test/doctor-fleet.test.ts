// End to end: `linkguard doctor` over many roots at once (repeated --root, a directory of
// sosreports and tarballs), on the bundled incident examples and the corpus host fixtures.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import {
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { doctorFleetJsonSchema, doctorFleetSchema } from "../src/doctor/fleet-report-schema.js";
import { CLI, runCli } from "./support/cli.js";
import { REPO_ROOT, readRepoFile } from "./support/paths.js";
import { needs } from "./support/requires.js";
import { until } from "./support/wait.js";

const skip = needs({ tools: ["tar", "xz", "gzip"] });
const tmp = mkdtempSync(join(tmpdir(), "linkguard-fleet-test-"));
/** The CLI's own TMPDIR: whatever it unpacks must be gone when it exits. */
const cliTmp = join(tmp, "cli-tmp");
const fleetDir = join(tmp, "tickets");
after(() => rmSync(tmp, { recursive: true, force: true }));

function tarball(out: string, base: string, name: string, flag: "-cJf" | "-czf"): void {
  execFileSync("tar", [flag, out, "-C", join(REPO_ROOT, base), name]);
}

before(() => {
  if (skip) return;
  mkdirSync(cliTmp);
  mkdirSync(fleetDir);
  tarball(join(fleetDir, "sosreport-db07.tar.xz"), "examples", "000-lacp-no-partner", "-cJf");
  tarball(
    join(fleetDir, "two-aggregators.tar.gz"),
    "test/fixtures/hosts",
    "8023ad-two-aggregators",
    "-czf",
  );
  writeFileSync(join(fleetDir, "junk.tar.gz"), "not a tarball\n");
  mkdirSync(join(fleetDir, "half-copied"));
  writeFileSync(join(fleetDir, "SHA256SUMS"), "");
  execFileSync("cp", ["-r", join(REPO_ROOT, "examples", "healthy-8023ad"), fleetDir]);
});

function doctor(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCli(["doctor", ...args], { env: { TMPDIR: cliTmp, COLUMNS: "80", ...env } });
}

function assertNothingLeftInTmp(): void {
  assert.deepEqual(readdirSync(cliTmp), [], "unpacked tarballs left behind");
}

function row(stdout: string, label: string): string[] {
  const line = stdout.split("\n").find((l) => l.startsWith(`${label} `));
  assert.ok(line, `no row for ${label} in:\n${stdout}`);
  return line.trim().split(/\s+/);
}

function cell(stdout: string, label: string, rule: string): string {
  const legend = new RegExp(`(?:^|  )(\\S+) +${rule}(?: |$)`, "m").exec(stdout);
  assert.ok(legend, `${rule} not in the legend`);
  const header = row(stdout, "host");
  return row(stdout, label)[header.indexOf(legend[1] as string)] ?? "";
}

test("repeated --root prints one row per host in the given order, a broken root as its own row", {
  skip,
}, () => {
  const r = doctor([
    "--root",
    "examples/healthy-8023ad",
    "--root",
    "examples/002-dsr-real-server-arp",
    "--root",
    join(fleetDir, "junk.tar.gz"),
    "--root",
    "test/fixtures/hosts/corrupt-proc-fragment",
    "--root",
    join(fleetDir, "sosreport-db07.tar.xz"),
  ]);
  assert.equal(r.code, 2, `${r.stdout}${r.stderr}`);
  const labels = r.stdout
    .split("\n")
    .filter((l) => /^\S+ +(OK|WARN|CRIT|ERROR)\b/.test(l))
    .map((l) => l.split(/\s+/)[0]);
  assert.deepEqual(labels, [
    "app-11",
    "web-03",
    "junk",
    "corrupt-proc-fragment",
    "db-07.example.net",
  ]);
  assert.equal(row(r.stdout, "web-03")[1], "CRIT");
  assert.equal(cell(r.stdout, "web-03", "dsr-arp-ignore"), "C");
  assert.equal(cell(r.stdout, "web-03", "dsr-arp-announce"), "W");
  assert.equal(cell(r.stdout, "app-11", "dsr-arp-ignore"), "·");
  assert.equal(cell(r.stdout, "db-07.example.net", "lacp-no-partner"), "C");
  assert.equal(cell(r.stdout, "corrupt-proc-fragment", "input-unparseable"), "W");
  assert.match(r.stdout, /^junk +ERROR +not a readable tarball/m);
  assert.match(
    r.stdout,
    /^linkguard doctor: 5 hosts: 2 critical, 1 warning, 1 ok, 1 could not be read$/m,
  );
  assertNothingLeftInTmp();
});

test("a directory of sosreports and tarballs is read as a fleet; --json matches the schema", {
  skip,
}, () => {
  const r = doctor(["--root", fleetDir, "--json"]);
  assert.equal(r.code, 2, `${r.stdout}${r.stderr}`);
  const doc = doctorFleetSchema.parse(JSON.parse(r.stdout));
  assert.deepEqual(
    doc.hosts.map((h) => [h.root.slice(fleetDir.length + 1), h.hostname ?? null, h.status, h.exit]),
    [
      ["half-copied", null, "error", 3],
      ["healthy-8023ad", "app-11", "ok", 0],
      ["junk.tar.gz", null, "error", 3],
      ["sosreport-db07.tar.xz", "db-07.example.net", "critical", 2],
      ["two-aggregators.tar.gz", null, "warning", 1],
    ],
  );
  assert.match(doc.hosts[0]?.error ?? "", /not a sosreport or snapshot/);
  assert.match(doc.hosts[2]?.error ?? "", /not a readable tarball/);
  assert.deepEqual(doc.summary, { hosts: 5, ok: 1, warning: 1, critical: 1, error: 2, exit: 2 });
  assert.deepEqual(doc.rules.map((x) => x.id).slice(0, 1), ["lacp-no-partner"]);
  // A host in the fleet gets exactly the findings `doctor --root` alone gives it.
  const alone = JSON.parse(
    doctor(["--root", join(fleetDir, "two-aggregators.tar.gz"), "--json"]).stdout,
  );
  assert.deepEqual(doc.hosts[4]?.findings, alone.findings);
  assert.ok(doc.hosts[4]?.findings.some((f) => f.rule === "lacp-aggregator-split"));
  assertNothingLeftInTmp();
});

test("the fleet exit code: unreadable beats warnings, critical beats unreadable, all healthy is 0", {
  skip,
}, () => {
  const junk = join(fleetDir, "junk.tar.gz");
  const warn = "test/fixtures/hosts/8023ad-two-aggregators";
  assert.equal(
    doctor(["--root", "examples/healthy-8023ad", "--root", join(fleetDir, "healthy-8023ad")]).code,
    0,
  );
  assert.equal(doctor(["--root", "examples/healthy-8023ad", "--root", warn]).code, 1);
  assert.equal(doctor(["--root", warn, "--root", junk]).code, 3);
  assert.equal(doctor(["--root", junk, "--root", join(tmp, "missing")]).code, 3);
  assert.equal(doctor(["--root", junk, "--root", "examples/000-lacp-no-partner"]).code, 2);
});

test("the table of every example and corpus host fits 80 columns, wrapping its rule columns", {
  skip,
}, () => {
  const r = doctor(["--root", "examples", "--root", "test/fixtures/hosts", "--brief"]);
  assert.equal(r.code, 2, `${r.stdout}${r.stderr}`);
  const table = r.stdout.slice(0, r.stdout.indexOf("\nC critical"));
  for (const line of table.split("\n")) assert.ok([...line].length <= 80, `wider than 80: ${line}`);
  const hosts =
    readdirSync(join(REPO_ROOT, "examples")).length +
    readdirSync(join(REPO_ROOT, "test/fixtures/hosts"), { withFileTypes: true }).filter((d) =>
      d.isDirectory(),
    ).length;
  assert.match(r.stdout, new RegExp(`^linkguard doctor: ${hosts} hosts: `, "m"));
  const blocks = (table.match(/^rules \d+-\d+ of \d+:$/gm) ?? []).length;
  assert.ok(blocks >= 2, "22 rules do not fit in one 80-column block");
  assert.equal((table.match(/^team-lacp-port-unselec\S* +WARN/gm) ?? []).length, blocks);
});

test("silences from the config apply to each host of the fleet", { skip }, () => {
  const cfg = join(tmp, "linkguard.yaml");
  writeFileSync(
    cfg,
    "doctor:\n  silence:\n    - { rule: lacp-no-partner, subject: bond0, reason: switch swap }\n",
  );
  const r = doctor([
    "--root",
    join(fleetDir, "sosreport-db07.tar.xz"),
    "--root",
    "examples/healthy-8023ad",
    "--json",
    "--config",
    cfg,
  ]);
  const doc = doctorFleetSchema.parse(JSON.parse(r.stdout));
  assert.ok(!doc.hosts[0]?.findings.some((f) => f.rule === "lacp-no-partner"));
  assert.ok(doc.hosts[0]?.silenced.some((f) => f.rule === "lacp-no-partner"));
  assert.equal(r.code, 1, "only the config-runtime-drift warning is left");
});

test("--format nagios sums the fleet up in one line with the fleet's exit code", { skip }, () => {
  const r = doctor(["--root", fleetDir, "--format", "nagios"]);
  assert.equal(r.code, 2);
  assert.equal(
    r.stdout,
    "LINKGUARD CRITICAL - 5 hosts: db-07.example.net critical, half-copied unreadable, junk unreadable, two-aggregators warning | critical=1;;1 warning=1;1 unreadable=2;;1 ok=1\n",
  );
});

/** 12 hosts, each a tarball of 48 MiB that gzip cannot shrink: unpacking takes a while. */
function bigFleet(): string {
  const big = join(tmp, "big");
  const many = join(tmp, "many");
  if (readdirSync(tmp).includes("many")) return many;
  mkdirSync(join(big, "host", "proc"), { recursive: true });
  execFileSync("sh", [
    "-c",
    'head -c 50331648 /dev/urandom > "$1"',
    "sh",
    join(big, "host", "filler"),
  ]);
  mkdirSync(many);
  execFileSync("tar", ["-czf", join(big, "host.tar.gz"), "-C", big, "host"]);
  // Hard links: a fleet directory's symlinks may not point outside it.
  for (let i = 0; i < 12; i++) linkSync(join(big, "host.tar.gz"), join(many, `h${i}.tar.gz`));
  return many;
}

/** Processes whose command line names the CLI's temp dir: a tar still unpacking there. */
function processesInCliTmp(): string[] {
  const out: string[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      if (cmd.includes(cliTmp)) out.push(`${pid}: ${cmd}`);
    } catch {
      // gone
    }
  }
  return out;
}

/**
 * Starts a fleet run over bigFleet(), signals it while a tarball is being unpacked (the whole
 * process group, as a terminal's Ctrl-C does, or node alone, as `kill PID` does) and returns
 * the exit code. Nothing may be left in the temp dir and no tar may outlive the run.
 */
async function interruptUnpacking(
  signal: NodeJS.Signals,
  group: boolean,
  root = bigFleet(),
): Promise<number | null> {
  const child = spawn(process.execPath, [CLI, "doctor", "--root", root], {
    env: { ...process.env, TMPDIR: cliTmp },
    detached: true, // its own process group, like a shell job
    stdio: "ignore",
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    await until("a tarball being unpacked", 20_000, () => {
      try {
        const run = readdirSync(cliTmp)[0];
        return run !== undefined && readdirSync(join(cliTmp, run)).length > 0 ? true : undefined;
      } catch {
        return undefined; // the run's temp dir came or went between the two reads
      }
    });
    process.kill(group ? -(child.pid as number) : (child.pid as number), signal);
    const code = await Promise.race([
      exited,
      new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 20_000)),
    ]);
    assert.notEqual(code, "timeout", "the run did not end within 20 s of the signal");
    assert.deepEqual(processesInCliTmp(), [], "a tar outlived the run");
    assertNothingLeftInTmp();
    return code as number | null;
  } finally {
    if (child.exitCode === null && child.signalCode === null)
      process.kill(-(child.pid as number), "SIGKILL");
  }
}

test("Ctrl-C in the middle of unpacking exits 130 and leaves no unpacked tarball behind", {
  skip,
}, async () => {
  assert.equal(await interruptUnpacking("SIGINT", true), 130);
});

test("SIGTERM to node alone (not to tar) ends the tar in progress, exits 143, leaves nothing", {
  skip,
}, async () => {
  assert.equal(await interruptUnpacking("SIGTERM", false), 143);
});

test("single host: Ctrl-C while its tarball unpacks exits 130, no temp dir and no tar left", {
  skip,
}, async () => {
  assert.equal(await interruptUnpacking("SIGINT", true, join(bigFleet(), "h0.tar.gz")), 130);
});

test("single host: SIGTERM to node alone ends its tar, exits 143, leaves nothing", {
  skip,
}, async () => {
  assert.equal(await interruptUnpacking("SIGTERM", false, join(bigFleet(), "h0.tar.gz")), 143);
});

test("a fleet entry that is a symlink out of the fleet directory is an error row, not read", {
  skip,
}, () => {
  const fleet = join(tmp, "escape");
  mkdirSync(fleet);
  execFileSync("cp", ["-r", join(REPO_ROOT, "examples", "healthy-8023ad"), fleet]);
  symlinkSync("/", join(fleet, "analyst"));
  const r = doctor(["--root", fleet, "--json"]);
  const doc = JSON.parse(r.stdout) as { hosts: Array<{ root: string; error?: string }> };
  const analyst = doc.hosts.find((h) => h.root.endsWith("analyst"));
  assert.match(analyst?.error ?? "", /symlink that points outside the fleet directory/);
});

test("a FIFO in one host of a fleet neither hangs the run nor costs the other hosts their report", {
  skip,
}, () => {
  const fleet = join(tmp, "fifo-fleet");
  mkdirSync(fleet);
  execFileSync("cp", ["-r", join(REPO_ROOT, "examples", "000-lacp-no-partner"), fleet]);
  execFileSync("cp", ["-r", join(REPO_ROOT, "examples", "healthy-8023ad"), fleet]);
  const bonding = join(fleet, "000-lacp-no-partner", "proc", "net", "bonding");
  rmSync(join(bonding, "bond0"));
  execFileSync("mkfifo", [join(bonding, "bond0")]);
  const r = doctor(["--root", fleet, "--json"]);
  const doc = doctorFleetSchema.parse(JSON.parse(r.stdout));
  assert.deepEqual(
    doc.hosts.map((h) => h.status === "error"),
    [false, false],
    "both hosts got a report",
  );
  assert.ok(
    doc.hosts[0]?.findings.some(
      (f) => f.rule === "input-unparseable" && /FIFO/.test(JSON.stringify(f)),
    ),
    "the FIFO is named",
  );
  assertNothingLeftInTmp();
});

test("docs/doctor-fleet.schema.json is the schema the code validates against", () => {
  assert.equal(readRepoFile("docs/doctor-fleet.schema.json"), doctorFleetJsonSchema());
});
