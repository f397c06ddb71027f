// The command line as a script or a monitoring check sees it: options that take a duration
// read the units the docs use, usage errors exit 3, closed pipes end quietly.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runCli } from "./support/cli.js";
import { needs } from "./support/requires.js";

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
