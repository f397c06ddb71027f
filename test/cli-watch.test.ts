// `linkguard watch` as a user runs it: one sample, and clear errors for bad input.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { runCli } from "./support/cli.js";
import { needs } from "./support/requires.js";

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

test("watch says which prober runs: on its start line and in watcher-started", {
  skip: needs({ tools: ["ip"] }),
}, () => {
  // No targets: nothing is probed, but the choice is made and said.
  const args = ["watch", "--config", "/dev/null", "-i", "lo", "--no-auto-gateway", "--no-store"];
  const quiet = ["--metrics", "off", "--serve", "off", "--jsonl", "-", "--duration", "1s"];
  for (const env of [{ LINKGUARD_PROBER: "ping" }, { LINKGUARD_PROBER: "auto" }]) {
    const r = runCli([...args, ...quiet], { env });
    assert.equal(r.code, 0, r.stderr);
    const said = /; prober: (native|ping)(?:\/arping)? \((.+)\)$/m.exec(r.stderr);
    assert.ok(said, r.stderr);
    const started = r.stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { kind: string; data?: { prober?: string } })
      .find((e) => e.kind === "watcher-started");
    assert.equal(started?.data?.prober, said[1], "the event and the line name the same prober");
    if (env.LINKGUARD_PROBER === "ping") assert.match(said[2] as string, /LINKGUARD_PROBER=ping/);
  }
});
