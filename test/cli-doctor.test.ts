// End to end: `linkguard doctor --root` over the examples, as a sysadmin runs it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { doctorReportSchema } from "../src/doctor/report-schema.js";
import { runCli } from "./support/cli.js";
import { REPO_ROOT } from "./support/paths.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-cli-test-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function doctorJson(root: string) {
  const r = runCli(["doctor", "--root", root, "--json"]);
  // every --json report must match the published schema
  doctorReportSchema.parse(JSON.parse(r.stdout));
  return {
    code: r.code,
    report: JSON.parse(r.stdout) as {
      status: string;
      findings: Array<{
        rule: string;
        subject: string;
        evidence: Array<{ file: string; line: number; text: string }>;
      }>;
    },
  };
}

test("doctor exits 2 and names lacp-no-partner with the zero partner MAC line for incident 000", () => {
  const { code, report } = doctorJson("examples/000-lacp-no-partner");
  assert.equal(code, 2);
  const f = report.findings.find((x) => x.rule === "lacp-no-partner");
  assert.ok(f, "lacp-no-partner missing");
  assert.equal(f.subject, "bond0");
  assert.deepEqual((f as unknown as { members: string[] }).members, ["eno1", "eno2"]);
  assert.ok(
    f.evidence.some(
      (e) => e.file === "proc/net/bonding/bond0" && e.text.includes("00:00:00:00:00:00"),
    ),
  );
});

test("doctor exits 0 with no findings on the healthy example", () => {
  const { code, report } = doctorJson("examples/healthy-8023ad");
  assert.deepEqual(report.findings, []);
  assert.equal(code, 0);
});

test("doctor reads a sosreport tarball (.tar.xz) exactly like the unpacked directory", () => {
  const tarball = join(tmp, "sosreport-centos-vm.tar.xz");
  execFileSync("tar", [
    "-cJf",
    tarball,
    "-C",
    join(REPO_ROOT, "examples"),
    "003-virtualbox-active-backup",
  ]);
  const fromDir = doctorJson("examples/003-virtualbox-active-backup");
  const fromTar = doctorJson(tarball);
  assert.equal(fromTar.code, fromDir.code);
  assert.deepEqual(
    fromTar.report.findings.map((f) => f.rule),
    fromDir.report.findings.map((f) => f.rule),
  );
  assert.ok(fromTar.report.findings.some((f) => f.rule === "failover-mac-virtual"));
});

test("doctor exits 3 with a one-line reason for a root that does not exist", () => {
  const r = runCli(["doctor", "--root", join(tmp, "nope")]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /no such file or directory/);
  assert.equal(r.stderr.trim().split("\n").length, 1);
});

test("doctor exits 3 for a file that is not a tarball", () => {
  const junk = join(tmp, "junk.tar.gz");
  writeFileSync(junk, "this is not a tarball\n");
  const r = runCli(["doctor", "--root", junk]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /not a readable tarball/);
});

test("doctor --format nagios prints one status line with perfdata and exits with the state", () => {
  const r = runCli(["doctor", "--root", "examples/002-dsr-real-server-arp", "--format", "nagios"]);
  const lines = r.stdout.trim().split("\n");
  assert.equal(lines.length, 1);
  assert.match(
    lines[0] ?? "",
    /^LINKGUARD (CRITICAL|WARNING) - .* \| critical=\d+;;1 warning=\d+;1 info=\d+$/,
  );
  assert.ok(r.code === 1 || r.code === 2);
});

test("doctor text output quotes evidence as file:line and prints fixes", () => {
  const r = runCli(["doctor", "--root", "examples/000-lacp-no-partner"]);
  assert.match(r.stdout, /proc\/net\/bonding\/bond0:\d+/);
  assert.match(r.stdout, /fix:/);
  assert.ok(!r.stdout.includes("\u001b["), "no colour codes when not on a TTY");
});

test("doctor silences a rule for one subject from the config file", () => {
  const cfg = join(tmp, "linkguard.yaml");
  writeFileSync(
    cfg,
    "doctor:\n  silence:\n    - rule: lacp-no-partner\n      subject: bond0\n      reason: switch replaced tomorrow\n",
  );
  const r = runCli(["doctor", "--root", "examples/000-lacp-no-partner", "--json", "--config", cfg]);
  const report = JSON.parse(r.stdout) as {
    findings: Array<{ rule: string }>;
    silenced: Array<{ rule: string }>;
  };
  assert.ok(!report.findings.some((f) => f.rule === "lacp-no-partner"));
  assert.ok(report.silenced.some((f) => f.rule === "lacp-no-partner"));
});

test("doctor exits 3 naming the field when the config file is invalid", () => {
  const cfg = join(tmp, "bad.yaml");
  writeFileSync(cfg, "doctor:\n  silence:\n    - rule: Not A Rule\n");
  const r = runCli(["doctor", "--root", "examples/healthy-8023ad", "--config", cfg]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /bad\.yaml:\d+: doctor\.silence\.0\.rule/);
});

test("doctor --list-rules lists every public rule id", () => {
  const r = runCli(["doctor", "--list-rules"]);
  for (const id of [
    "lacp-no-partner",
    "config-runtime-drift",
    "dsr-arp-ignore",
    "input-unparseable",
  ]) {
    assert.match(r.stdout, new RegExp(`^${id} `, "m"));
  }
});

test("demo runs the doctor over every example", () => {
  const r = runCli(["demo", "--brief"]);
  assert.equal(r.code, 0, r.stderr);
  for (const ex of [
    "000-lacp-no-partner",
    "001-ipmp-standby-wrong-group",
    "002-dsr-real-server-arp",
    "003-virtualbox-active-backup",
    "healthy-8023ad",
  ]) {
    assert.match(r.stdout, new RegExp(`--root examples/${ex}`));
  }
});

test("demo run from another directory names example paths that work from there", () => {
  const r = runCli(["demo", "--brief"], { cwd: tmp });
  assert.equal(r.code, 0, r.stderr);
  const roots = [...r.stdout.matchAll(/linkguard doctor --root (\S+)/g)].map((m) => m[1] as string);
  assert.equal(roots.length, 5);
  for (const root of roots)
    assert.equal(runCli(["doctor", "--root", root], { cwd: tmp }).code !== 3, true, root);
});

test("doctor exits 3 'not a host' for an empty directory or a documentation folder, not OK with 0 findings", () => {
  const empty = mkdtempSync(join(tmp, "empty-"));
  const docs = join(REPO_ROOT, "docs");
  for (const root of [empty, docs]) {
    const r = runCli(["doctor", "--root", root]);
    assert.equal(r.code, 3, root);
    assert.match(
      r.stderr,
      /not a host: none of proc\/, sys\/, etc\/, sos_commands\/, linkguard-snapshot\.json is in /,
    );
    assert.equal(r.stdout, "");
  }
});

test("doctor says plainly when a real host has nothing to check", () => {
  const host = mkdtempSync(join(tmp, "plain-"));
  mkdirSync(join(host, "sos_commands/networking"), { recursive: true });
  // The router fixture's r1-eth0, alone: a host with one plain NIC.
  const ip = readFileSync(
    join(
      REPO_ROOT,
      "test/fixtures/hosts/router-frr-loopback/sos_commands/networking/ip_-d_address",
    ),
    "utf8",
  );
  writeFileSync(
    join(host, "sos_commands/networking/ip_-d_address"),
    ip.slice(ip.indexOf("2: r1-eth0")),
  );
  const r = runCli(["doctor", "--root", host]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /No bonds, teams, IPMP groups or DSR addresses here: nothing to check\./);
  const { report } = doctorJson(host);
  assert.deepEqual((report as unknown as { scope: unknown }).scope, {
    bonds: 0,
    teams: 0,
    ipmpGroups: 0,
    dsrAddresses: 0,
    configuredBonds: 0,
  });
  const nagios = runCli(["doctor", "--root", host, "--format", "nagios"]);
  assert.match(
    nagios.stdout,
    /^LINKGUARD OK - 0 critical, 0 warning: no bonds, teams, IPMP groups or DSR addresses here: nothing to check \|/,
  );
  const healthy = runCli(["doctor", "--root", "examples/healthy-8023ad"]);
  assert.match(
    healthy.stdout,
    /No problems found with bonds, teams, IPMP groups or DSR addresses\./,
  );
});

test("for a tarball, fix lines name the path inside the sosreport, not the temp dir it was unpacked to", () => {
  const src = join(tmp, "tar-paths");
  execFileSync("cp", ["-r", join(REPO_ROOT, "examples", "000-lacp-no-partner"), src]);
  writeFileSync(
    join(src, "etc", "sysconfig", "network-scripts", "ifcfg-eno3"),
    'BONDING_OPTS="mode=\n',
  );
  const tarball = join(tmp, "sosreport-db07.tar.gz");
  execFileSync("tar", ["-czf", tarball, "-C", tmp, "tar-paths"]);
  const cliTmp = join(tmp, "tar-paths-tmp");
  execFileSync("mkdir", [cliTmp]);
  const r = runCli(["doctor", "--root", tarball, "--json"], { env: { TMPDIR: cliTmp } });
  const report = JSON.parse(r.stdout) as { findings: Array<{ rule: string; fix: string[] }> };
  const fixes = report.findings.flatMap((f) => f.fix);
  assert.ok(!fixes.some((l) => l.includes(cliTmp)), fixes.join("\n"));
  assert.ok(
    fixes.some((l) => l.includes(" tar-paths/etc/sysconfig/network-scripts/ifcfg-eno3")),
    fixes.join("\n"),
  );
});

test("doctor --pcap with a missing capture exits 3 naming the file, in words", () => {
  const r = runCli(["doctor", "--root", "examples/healthy-8023ad", "--pcap", "eno1=nope.pcap"]);
  assert.equal(r.code, 3);
  assert.equal(r.stderr, "linkguard doctor: --pcap nope.pcap: no such file or directory\n");
});

test("doctor --list-rules --json lists every rule as data, the same rules as the text", () => {
  const text = runCli(["doctor", "--list-rules"]);
  const json = runCli(["doctor", "--list-rules", "--json"]);
  assert.equal(json.code, 0, json.stderr);
  const rules = JSON.parse(json.stdout) as Array<{ id: string; severity: string; title: string }>;
  assert.deepEqual(
    rules.map((r) => r.id),
    text.stdout
      .trimEnd()
      .split("\n")
      .map((l) => l.split(/\s+/)[0]),
  );
  assert.ok(rules.some((r) => r.id === "lacp-no-partner" && r.severity === "critical"));
});
