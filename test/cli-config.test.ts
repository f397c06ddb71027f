// A config mistake is an error in doctor, watch, mpath and serve alike: the same file gets
// the same verdict (exit 3, the file, the line, the key) from every verb.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runCli } from "./support/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-cli-config-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function config(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const MISTAKES: { name: string; file: string; error: RegExp }[] = [
  {
    name: "a silence naming an unknown rule",
    file: config(
      "unknown-rule.yaml",
      "doctor:\n  silence:\n    - { rule: bond-single-slav, subject: bond9 }\n",
    ),
    error:
      /unknown-rule\.yaml:3: doctor\.silence\.0\.rule: no rule "bond-single-slav" \(linkguard doctor --list-rules/,
  },
  {
    name: "an unknown key in watch",
    file: config("watch-key.yaml", "watch:\n  interval_ms: 100\n\n  intervall_ms: 100\n"),
    error: /watch-key\.yaml:4: watch: Unrecognized key: "intervall_ms"/,
  },
  {
    name: "an unknown key in mpath",
    file: config("mpath-key.yaml", "mpath:\n  groupz: []\n"),
    error: /mpath-key\.yaml:2: mpath: Unrecognized key: "groupz"/,
  },
  {
    name: "an unknown key in serve",
    file: config("serve-key.yaml", "serve:\n  listenn: 127.0.0.1:1\n"),
    error: /serve-key\.yaml:2: serve: Unrecognized key: "listenn"/,
  },
  {
    name: "an unknown top-level key",
    file: config("top-key.yaml", "serve:\n  listen: 127.0.0.1:9470\ndoctr:\n  silence: []\n"),
    error: /top-key\.yaml:3: \(top level\): Unrecognized key: "doctr"/,
  },
  {
    name: "a missing config file",
    file: join(tmp, "no-such.yaml"),
    error:
      /config file .*no-such\.yaml: no such file \(given with --config\): check the path, or leave --config out/,
  },
];

const VERBS: string[][] = [
  ["doctor", "--root", "examples/000-lacp-no-partner"],
  [
    "doctor",
    "--root",
    "examples/000-lacp-no-partner",
    "--root",
    "examples/003-virtualbox-active-backup",
  ],
  ["watch", "--once"],
  ["mpath", "run", "--dry-run", "--duration", "1s", "--metrics", "off"],
  ["serve", "--listen", "127.0.0.1:0"],
];

for (const m of MISTAKES)
  test(`${m.name} is an error (exit 3, file, line, key) in doctor, watch, mpath and serve`, () => {
    for (const verb of VERBS) {
      const r = runCli([...verb, "--config", m.file]);
      assert.equal(r.code, 3, `${verb.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, m.error, verb.join(" "));
    }
  });

test("doctor --format nagios says UNKNOWN for a config mistake", () => {
  const r = runCli([
    ...["doctor", "--root", "examples/000-lacp-no-partner", "--format", "nagios"],
    ...["--config", join(tmp, "unknown-rule.yaml")],
  ]);
  assert.equal(r.code, 3);
  assert.match(r.stdout, /^LINKGUARD UNKNOWN - .*no rule "bond-single-slav"/);
});

test("a silence naming a real rule still silences it", () => {
  const file = config(
    "good.yaml",
    "doctor:\n  silence:\n    - { rule: lacp-no-partner, subject: bond0, reason: test }\n",
  );
  const r = runCli([
    "doctor",
    "--root",
    "examples/000-lacp-no-partner",
    "--json",
    "--config",
    file,
  ]);
  const report = JSON.parse(r.stdout) as { findings: { rule: string }[] };
  assert.ok(!report.findings.some((f) => f.rule === "lacp-no-partner"));
});
