// GET /api/series on a realistic store: 24 h of minute roll-ups and the last 2 h raw at 1 s,
// for 16 interfaces, each probing one target. A real `linkguard serve` process answers; we
// print the median time per window and the server's resident memory while answering.
// Target: 24 h x 16 interfaces well under 300 ms; server under 150 MB.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openStore } from "../src/store/store.js";
import { rates, sample } from "../test/support/store-data.js";
import { median } from "./support/stats.js";

const CLI = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));
const IFACES = Array.from({ length: 16 }, (_, i) => `eth${i}`);
const MIN = 60_000;
const RUNS = 15;

function generate(path: string, now: number): void {
  const store = openStore(path, { flushEveryMs: 0, maintainEveryMs: 0, batchRows: 50_000 });
  const rollup = store.db.prepare(
    `INSERT INTO rollups_1m (minute_ms, ifname, samples, carrier_down_s, carrier, carrier_changes, mtu, speed_mbps,
       rx_bps_avg, tx_bps_avg, rx_pps_avg, tx_pps_avg, rx_bps_min, rx_bps_max)
     VALUES (?, ?, 60, 0, 1, 2, 1500, 10000, ?, ?, ?, ?, ?, ?)`,
  );
  const rollupProbe = store.db.prepare(
    "INSERT INTO rollups_1m_probes (minute_ms, ifname, target, kind, sent, lost, rtt_avg_ms, rtt_max_ms) VALUES (?, ?, '10.0.0.1', 'icmp', 60, ?, 0.4, 1.2)",
  );
  const start = Math.floor((now - 24 * 3600_000) / MIN) * MIN;
  store.db.transaction(() => {
    for (let m = start; m < now - 2 * 3600_000; m += MIN)
      for (const ifname of IFACES) {
        const r = 1e6 + Math.sin(m / 3.6e6) * 5e5;
        rollup.run(m, ifname, r, r / 2, r / 1000, r / 2000, r * 0.9, r * 1.1);
        rollupProbe.run(m, ifname, m % 7 === 0 ? 1 : 0);
      }
  })();
  for (let t = now - 2 * 3600_000; t < now; t += 1000) {
    for (const ifname of IFACES) {
      const r = 1e6 + Math.sin(t / 3.6e6) * 5e5;
      store.addSample(
        sample(ifname, t, { carrier_changes: 2, speed_mbps: 10000 }),
        rates({ rx_bps: r, tx_bps: r / 2, rx_pps: r / 1000, tx_pps: r / 2000 }),
      );
      store.addProbe({
        t_ms: t,
        ifname,
        target: "10.0.0.1",
        kind: "icmp",
        seq: 0,
        ok: true,
        rtt_ms: 0.4,
      });
    }
  }
  store.maintain(now); // roll up the raw part's minutes, as the watcher does every minute
  store.close();
}

async function startServe(db: string): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [CLI, "serve", "--config", "/dev/null", "--store", db, "--listen", "127.0.0.1:0"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const end = Date.now() + 15_000;
  while (Date.now() < end) {
    const url = /(http:\/\/\S+\/)/.exec(out)?.[1];
    if (url) return { url, pid: child.pid as number, stop: () => child.kill("SIGTERM") };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGTERM");
  throw new Error("linkguard serve did not start");
}

function rssMb(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) =>
    Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
}

async function time(url: string): Promise<{ ms: number; points: number; source: string }> {
  const t0 = performance.now();
  const res = await fetch(url);
  const body = (await res.json()) as { source: string; interfaces: { t: number[] }[] };
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return { ms, points: body.interfaces.reduce((n, s) => n + s.t.length, 0), source: body.source };
}

const dir = mkdtempSync(join(tmpdir(), "linkguard-bench-web-"));
try {
  const now = Date.now();
  const db = join(dir, "linkguard.db");
  const g0 = performance.now();
  generate(db, now);
  process.stdout.write(
    `generated 24 h of roll-ups + 2 h raw at 1 s for 16 interfaces in ${((performance.now() - g0) / 1000).toFixed(1)} s\n`,
  );
  const server = await startServe(db);
  try {
    for (const [label, from] of [
      ["24 h x 16 interfaces (minute roll-ups)", now - 24 * 3600_000],
      ["2 h x 16 interfaces (over 20k raw rows: roll-ups)", now - 2 * 3600_000 + 1000],
      ["20 min x 16 interfaces (raw, 1 s)", now - 20 * MIN],
    ] as const) {
      const url = `${server.url}api/series?from=${from}&to=${now}`;
      await time(url); // warm-up: the page cache and prepared statements
      const runs: { ms: number; points: number; source: string }[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await time(url));
      const mem = rssMb(server.pid);
      process.stdout.write(
        `GET /api/series ${label}: median ${median(runs.map((r) => r.ms)).toFixed(1)} ms over ${RUNS} runs ` +
          `(source ${runs[0]?.source}, ${runs[0]?.points} points); server RSS ${mem.rss.toFixed(0)} MB, peak ${mem.hwm.toFixed(0)} MB [target < 300 ms, < 150 MB]\n`,
      );
    }
  } finally {
    server.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
