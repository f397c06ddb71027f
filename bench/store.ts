// Store benchmark: 64 interfaces sampled at 10 Hz for a simulated 10 minutes (384 000
// samples), committed once per simulated second as the watcher does, with a maintain() per
// simulated minute. Prints the insert rate, how long each commit blocks the event loop,
// and the database size. Run: node dist/bench/store.js
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InterfaceRates, InterfaceSample } from "../src/events/types.js";
import { openStore } from "../src/store/store.js";

const IFACES = 64;
const HZ = 10;
const SECONDS = 600;
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);

const dir = mkdtempSync(join(tmpdir(), "linkguard-bench-store-"));
const path = join(dir, "linkguard.db");
const store = openStore(path, { flushEveryMs: 0, maintainEveryMs: 0 });

// Counters that grow like a busy port's, so SQLite stores realistic integer widths.
function sampleOf(i: number, n: number, t: number): [InterfaceSample, InterfaceRates] {
  const pkts = 1e9 + n * 800 + i;
  return [
    {
      t_ms: t,
      ifname: i < 60 ? `ens${i}f0` : `bond${i - 60}`,
      carrier: true,
      operstate: "up",
      carrier_changes: 3,
      state_age_s: 184_119.289 + n / HZ,
      mtu: 9000,
      speed_mbps: 10_000,
      master: i < 60 ? `bond${i % 4}` : null,
      rx_bytes: pkts * 1200,
      tx_bytes: pkts * 900,
      rx_packets: pkts,
      tx_packets: pkts - 7,
      rx_errors: 12,
      tx_errors: 0,
      rx_dropped: 1500 + (n >> 8),
      tx_dropped: 0,
    },
    // Rates from real, jittery intervals are fractional: 8-byte REALs, as in production.
    {
      interval_ms: 100.3 + (n % 7) / 10,
      rx_bps: 9.6e6 + (n % 97) * 1000.37,
      tx_bps: 7.2e6 + (n % 89) * 1000.29,
      rx_pps: 8000.5 + (n % 13) / 3,
      tx_pps: 7993.7 + (n % 11) / 7,
      rx_errors_ps: 0,
      tx_errors_ps: 0,
      rx_dropped_ps: n % 50 === 0 ? 9.97 : 0,
      tx_dropped_ps: 0,
    },
  ];
}

const commitMs: number[] = [];
const maintainMs: number[] = [];
const started = performance.now();
let n = 0;
for (let s = 0; s < SECONDS; s++) {
  for (let tick = 0; tick < HZ; tick++, n++) {
    const t = T0 + s * 1000 + tick * (1000 / HZ);
    for (let i = 0; i < IFACES; i++) store.addSample(...sampleOf(i, n, t));
  }
  const c = performance.now();
  if (!store.flush()) throw new Error(`flush failed: ${store.stats().lastError}`);
  commitMs.push(performance.now() - c);
  if ((s + 1) % 60 === 0) {
    const m = performance.now();
    store.maintain(T0 + (s + 1) * 1000 + 10_000);
    maintainMs.push(performance.now() - m);
  }
}
const elapsedS = (performance.now() - started) / 1000;
const stats = store.close();

const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
const dbBytes = size(path) + size(`${path}-wal`);
const samples = stats.samplesWritten;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const perSample = dbBytes / samples;

const lines = [
  `store bench: ${IFACES} interfaces x ${HZ} Hz x ${SECONDS} s simulated = ${samples} samples`,
  `  insert rate          ${Math.round(samples / elapsedS).toLocaleString("en")} samples/s (${elapsedS.toFixed(2)} s wall, incl. roll-ups)`,
  `  commit of 1 s batch  median ${pct(commitMs, 50).toFixed(1)} ms, p99 ${pct(commitMs, 99).toFixed(1)} ms, max ${Math.max(...commitMs).toFixed(1)} ms (${IFACES * HZ} rows)`,
  `  maintain per minute  median ${pct(maintainMs, 50).toFixed(1)} ms, max ${Math.max(...maintainMs).toFixed(1)} ms (roll-up of ${IFACES * HZ * 60} samples)`,
  `  database size        ${mib(dbBytes)} = ${perSample.toFixed(0)} bytes/sample incl. indexes and roll-ups`,
  `  24 h raw retention   ~${mib(perSample * IFACES * HZ * 86_400)} at ${HZ} Hz, ~${mib(perSample * IFACES * 86_400)} at 1 Hz (${IFACES} interfaces)`,
];
process.stdout.write(`${lines.join("\n")}\n`);
rmSync(dir, { recursive: true, force: true });
