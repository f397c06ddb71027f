// `linkguard watch` as a user runs it: one sample, and clear errors for bad input.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { runCli } from "./support/cli.js";

test("watch --once prints one sample of every interface as JSON", () => {
  const r = runCli(["watch", "--once", "--config", "/dev/null", "-i", "lo", "--no-auto-gateway"]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    samples: { ifname: string; rx_packets: number; carrier: boolean | null }[];
  };
  assert.deepEqual(
    out.samples.map((s) => s.ifname),
    ["lo"],
  );
  assert.equal(typeof out.samples[0]?.rx_packets, "number");
});

test("a bad interval is refused with the flag and the range", () => {
  const r = runCli(["watch", "--once", "--config", "/dev/null", "--interval", "5"]);
  assert.equal(r.code, 3);
  assert.match(
    r.stderr,
    /option '--interval <time>' argument '5' is invalid\. "5" is out of range \(50ms to 60s\)/,
  );
});

test("a bad config file is refused with file, line and key", () => {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-cfg-"));
  const file = join(dir, "linkguard.yaml");
  writeFileSync(file, "watch:\n  probes:\n    targets: [not-an-ip]\n");
  const r = runCli(["watch", "--once", "--config", file]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, new RegExp(`${file}:3: watch\\.probes\\.targets\\.0: an IP address`));
});

test("a probe target that is not an address never reaches a command", () => {
  const r = runCli(["watch", "--once", "--config", "/dev/null", "-t", "10.0.0.1;reboot"]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /is not an IP address/);
});
