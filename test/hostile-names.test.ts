// A sosreport whose names are shell code or terminal escapes: the report quotes every name
// in a fix, shows control characters escaped, keeps Nagios perfdata its own, and marks the
// names no kernel would accept.
import assert from "node:assert/strict";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { isControl } from "../src/lib/text.js";
import { runCli } from "./support/cli.js";
import { REPO_ROOT } from "./support/paths.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-hostile-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of an example with every `from` (in paths and contents) replaced by `to`. */
function renamed(example: string, from: string, to: string, name: string): string {
  const copy = (src: string, dst: string) => {
    if (statSync(src).isDirectory()) {
      mkdirSync(dst, { recursive: true });
      for (const e of readdirSync(src)) copy(join(src, e), join(dst, e.replaceAll(from, to)));
    } else writeFileSync(dst, readFileSync(src, "utf8").replaceAll(from, to));
  };
  const out = join(tmp, name);
  copy(join(REPO_ROOT, "examples", example), out);
  return out;
}

const SHELL = "$(reboot)";

test("a member named $(reboot) is quoted in every fix line that names it", () => {
  const root = renamed("000-lacp-no-partner", "eno1", SHELL, "shell");
  const r = runCli(["doctor", "--root", root, "--json"]);
  const report = JSON.parse(r.stdout) as { findings: Array<{ rule: string; fix: string[] }> };
  const lines = report.findings.flatMap((f) => f.fix).filter((l) => l.includes(SHELL));
  assert.ok(lines.length >= 3, `fix lines naming it: ${lines.length}`);
  for (const line of lines) {
    const bare = line.replaceAll(`'${SHELL}'`, "");
    assert.ok(!bare.includes(SHELL), `unquoted in: ${line}`);
  }
  assert.ok(
    lines.some((l) =>
      l.startsWith(`ip link set dev '${SHELL}' down && ip link set dev '${SHELL}' up`),
    ),
    lines.join("\n"),
  );
});

test("escape sequences and newlines in names are shown escaped and add no report line", () => {
  const root = renamed("000-lacp-no-partner", "eno2", "e\u001b]0;pwn\u0007", "escapes");
  const scripts = join(root, "etc", "sysconfig", "network-scripts");
  writeFileSync(join(scripts, "ifcfg-x\n  CRITICAL forged line"), 'BONDING_OPTS="mode=\n');
  writeFileSync(join(scripts, "ifcfg-y\u001b[2J"), 'BONDING_OPTS="mode=\n');
  const r = runCli(["doctor", "--root", root]);
  assert.ok(
    ![...r.stdout].some((c) => c !== "\n" && isControl(c.charCodeAt(0))),
    "a raw control character",
  );
  assert.ok(!r.stdout.split("\n").some((l) => l.startsWith("  CRITICAL forged")), r.stdout);
  assert.match(r.stdout, /ifcfg-x\\n {2}CRITICAL forged line/);
  assert.match(r.stdout, /e\\e\]0;pwn\\x07/);
  assert.match(r.stdout, /# fix withheld: the input names "e\\\\e\]0;pwn\\\\x07"/);
});

test("a name the kernel would refuse is marked in the report", () => {
  const root = renamed("000-lacp-no-partner", "eno2", "eno2:far-too-long", "refused");
  const r = runCli(["doctor", "--root", root, "--json"]);
  const report = JSON.parse(r.stdout) as { findings: Array<{ rule: string; title: string }> };
  assert.ok(
    report.findings.some(
      (f) =>
        f.rule === "input-unparseable" &&
        /"eno2:far-too-long" is one the Linux kernel refuses \(it is 16 bytes/.test(f.title),
    ),
    JSON.stringify(report.findings.map((f) => f.title)),
  );
});

test("a bond named to inject perfdata cannot: one '|' in the Nagios line, the real values after it", () => {
  const root = renamed("000-lacp-no-partner", "bond0", "b|crit=0", "nagios");
  const r = runCli(["doctor", "--root", root, "--format", "nagios"]);
  const line = r.stdout.trimEnd();
  assert.equal(line.split("\n").length, 1);
  assert.equal(line.split("|").length, 2, line);
  assert.match(line, /\| critical=\d+;;1 warning=\d+;1 info=\d+$/);
});

test("a root path with '|' and a newline cannot add perfdata to the UNKNOWN line", () => {
  const r = runCli(["doctor", "--root", join(tmp, "no|such=1\nroot"), "--format", "nagios"]);
  assert.equal(r.code, 3);
  assert.equal(r.stdout.split("\n").length, 2, r.stdout);
  assert.ok(!r.stdout.includes("|"), r.stdout);
});
