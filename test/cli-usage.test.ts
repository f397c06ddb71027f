// The command line as a script or a monitoring check sees it: options that take a duration
// read the units the docs use, usage errors exit 3, closed pipes end quietly.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { openStore } from "../src/store/store.js";
import { CLI, runCli } from "./support/cli.js";
import { needs } from "./support/requires.js";
import { rates, sample } from "./support/store-data.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-cli-usage-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const emptyConfig = join(tmp, "empty.yaml");
writeFileSync(emptyConfig, "watch: {}\n");

test("watch --duration 2s runs for two seconds (not NaN: gone at once with status 0)", {
  skip: needs({ tools: ["ip"] }),
}, () => {
  const t0 = Date.now();
  const r = runCli([
    "watch",
    ...["--config", emptyConfig, "--duration", "2s", "--no-store", "--serve", "off"],
    ...["--metrics", "off", "--no-auto-gateway"],
  ]);
  const ms = Date.now() - t0;
  assert.equal(r.code, 0, r.stderr);
  assert.ok(ms >= 2000 && ms < 15_000, `ran ${ms} ms`);
});

test("a duration it cannot read is refused, naming the option and the units it takes", () => {
  for (const args of [
    ["watch", "--duration", "10x"],
    ["watch", "--interval", "fast"],
    ["watch", "--probe-interval", "5"],
    ["mpath", "run", "--duration", "ten"],
    ["lab", "run", "silent-upstream", "--wait-ms", "soon"],
  ]) {
    const r = runCli(args);
    assert.notEqual(r.code, 0, args.join(" "));
    const option = args.find((a) => a.startsWith("--")) as string;
    assert.match(r.stderr, new RegExp(`option '${option} <time>' argument '.*' is invalid`));
    assert.match(r.stderr, /500ms, 10s, 5m|out of range/);
  }
});

test("--since that cannot be read names --since", () => {
  const r = runCli(["events", "--db", join(tmp, "none.db"), "--since", "yesterday-ish"]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /--since: cannot read time "yesterday-ish"/);
});

test("usage errors exit 3 (a Nagios check shows UNKNOWN, not WARNING), in every verb", () => {
  for (const args of [
    ["bogus-verb"],
    ["doctor", "--bogus"],
    ["doctor", "--jobs", "99"],
    ["doctor", "--format", "yaml"],
    ["watch", "--duration", "soon"],
    ["mpath", "run", "--bogus"],
    ["mpath", "bogus"],
    ["events", "--bogus"],
    ["serve", "--bogus"],
    ["lab", "fault"],
    ["snapshot", "--bogus"],
  ]) {
    const r = runCli(args);
    assert.equal(r.code, 3, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, /error: /, args.join(" "));
    assert.equal(r.stdout, "", args.join(" "));
  }
});

test("--help and --version still exit 0", () => {
  assert.equal(runCli(["--version"]).code, 0);
  assert.equal(runCli(["doctor", "--help"]).code, 0);
  assert.equal(runCli(["help", "mpath"]).code, 0);
});

test("linkguard --help says what it is in whole lines (no word left alone on one)", () => {
  const r = runCli(["--help"]);
  const about = r.stdout.split("\n\nOptions:")[0]?.split("\n\n")[1] ?? "";
  assert.match(
    about.replace(/\n/g, " "),
    /^Keeps redundant server NICs honest: .* DSR real servers\.$/,
  );
  for (const line of about.split("\n").slice(0, -1))
    assert.ok(line.length > 40, `short line: ${line}`);
});

test("doctor --format nagios prints one LINKGUARD UNKNOWN line for a usage error", () => {
  for (const args of [
    ["doctor", "--format", "nagios", "--bogus"],
    ["doctor", "-f", "nagios", "--jobs", "0"],
    ["doctor", "--format=nagios", "--root"],
  ]) {
    const r = runCli(args);
    assert.equal(r.code, 3, args.join(" "));
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 1, r.stdout);
    assert.match(
      lines[0] ?? "",
      /^LINKGUARD UNKNOWN - (unknown option '--bogus'|option .* argument|option .* argument missing)/,
    );
  }
});

/** Runs the CLI, reads the first chunk of its output, then closes the pipe, as `| head -1` does. */
function closedEarly(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdout.once("data", () => child.stdout.destroy());
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    }),
  );
}

test("output into a pipe that closes (| head -1) ends quietly, with the run's own exit status", async () => {
  const db = join(tmp, "timeline.db");
  const store = openStore(db, { flushEveryMs: 0, maintainEveryMs: 0 });
  const t0 = Date.now() - 600_000;
  for (let s = 0; s < 3000; s++) store.addSample(sample("eth0", t0 + s * 100), rates());
  store.close();
  for (const [args, code] of [
    [["demo"], 0],
    [["doctor", "--list-rules"], 0],
    [["doctor", "--root", "examples/000-lacp-no-partner"], 2],
    [["timeline", "--db", db, "--since", "1h"], 0],
    [["timeline", "--db", db, "--since", "1h", "--csv"], 0],
    [["timeline", "--db", db, "--since", "1h", "--json"], 0],
  ] as const) {
    const r = await closedEarly([...args]);
    assert.doesNotMatch(r.stderr, /EPIPE|Error|at /, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.code, code, args.join(" "));
  }
});
