// A real Prometheus (Debian's package) scrapes the watcher's /metrics; its HTTP API then has
// our series. Everything on 127.0.0.1.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { CLI } from "./support/cli.js";
import { freePort, stopChild } from "./support/process.js";
import { needs } from "./support/requires.js";

const skip = needs({ tools: ["prometheus"] });

async function poll<T>(
  what: string,
  timeoutMs: number,
  f: () => Promise<T | undefined>,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await f();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${String(last ?? "")})`);
}

test("Prometheus scrapes /metrics and serves our series", { skip, timeout: 90_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-prom-"));
  const metricsPort = await freePort();
  const promPort = await freePort();
  const watcher = spawn(
    process.execPath,
    [
      CLI,
      "watch",
      "--config",
      "/dev/null",
      "-i",
      "lo",
      "--no-store",
      "--no-auto-gateway",
      "--interval",
      "200",
      "--metrics",
      `127.0.0.1:${metricsPort}`,
    ],
    { stdio: "ignore" },
  );
  writeFileSync(
    join(dir, "prometheus.yml"),
    `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: linkguard\n    static_configs:\n      - targets: ["127.0.0.1:${metricsPort}"]\n`,
  );
  const prom = spawn(
    "prometheus",
    [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ],
    { stdio: "ignore" },
  );
  try {
    // The port answers before the first sample lands: wait for lo's first sample.
    const text = await poll("the watcher's /metrics with lo's first sample", 20_000, async () => {
      const r = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      const body = r.ok ? await r.text() : "";
      return /^linkguard_link_up\{interface="lo"\}/m.test(body) ? body : undefined;
    });
    assert.match(text, /^linkguard_watcher_up 1$/m);
    assert.match(text, /^linkguard_link_up\{interface="lo"\} 1$/m);
    const query = async (q: string) => {
      const r = await fetch(
        `http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(q)}`,
      );
      const body = (await r.json()) as {
        data?: { result?: { metric: Record<string, string>; value: [number, string] }[] };
      };
      const result = body.data?.result ?? [];
      return result.length > 0 ? result : undefined;
    };
    const up = await poll("linkguard_link_up in Prometheus", 60_000, () =>
      query('linkguard_link_up{interface="lo"}'),
    );
    assert.equal(up[0]?.value[1], "1");
    assert.equal(up[0]?.metric.job, "linkguard");
    const packets = await poll("lo packet counter", 30_000, () =>
      query('linkguard_interface_packets_total{interface="lo"}'),
    );
    assert.ok(packets.length >= 1);
  } finally {
    await stopChild(prom);
    await stopChild(watcher);
    rmSync(dir, { recursive: true, force: true });
  }
});
