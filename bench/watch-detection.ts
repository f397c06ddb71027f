// bench/watch-detection: detection latency in the lab, median of N faults (default 20), for a
// pulled cable (fault -> link-down; target <= 10 ms) and a silent path failure at 20 ms probes
// (fault -> probe-loss; target <= 3 x 20 ms + 20 ms = 80 ms). One lab, one watcher per prober
// (native, then ping/arping via LINKGUARD_PROBER=ping; BENCH_PROBERS picks); faults
// go through a running `ip -batch` so the instant of the fault is known to ~1 ms.
// Peer: a bash prototype listening to kernel link events saw a cable pull in 3.6 ms:
//   ip monitor link | while read l; do date +%s.%N; done
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { EventKind, WatchEvent } from "../src/events/types.js";
import { injectFault } from "../src/lab/faults.js";
import { IpBatch } from "../src/lab/ip-batch.js";
import { labDown, labUp } from "../src/lab/lab.js";
import { DUAL_HOMED } from "../src/lab/topologies.js";
import { summary } from "./support/stats.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const CLI = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (process.getuid?.() !== 0) {
  console.log("bench/watch-detection: skipped (needs root for network namespaces)");
  process.exit(0);
}

const lab = await labUp(DUAL_HOMED);
const events: WatchEvent[] = [];
/** A watcher with the given prober (inherits LINKGUARD_PROBER), its events into `events`. */
function startWatcher(prober: string) {
  events.length = 0;
  const watcher = spawn(
    "ip",
    [
      "netns",
      "exec",
      lab.ns("server"),
      process.execPath,
      CLI,
      "watch",
      "--config",
      "/dev/null",
      "-i",
      "eth0,eth1",
      "--interval",
      "50",
      "--probe-interval",
      "20",
      "--jsonl",
      "-",
      "--no-store",
      "--metrics",
      "off",
    ],
    { stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, LINKGUARD_PROBER: prober } },
  );
  createInterface({ input: watcher.stdout }).on("line", (l) =>
    events.push(JSON.parse(l) as WatchEvent),
  );
  return watcher;
}
const batch = new IpBatch(lab.ns("sw"));
const bridge = new IpBatch(lab.ns("sw"), "bridge");

async function waitEvent(
  kind: EventKind,
  after: number,
  timeoutMs = 5000,
): Promise<WatchEvent | undefined> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const e = events.find(
      (x) =>
        x.kind === kind && x.t_ms >= after && (x.ifname === "eth0" || x.subject.startsWith("eth0")),
    );
    if (e) return e;
    await sleep(2);
  }
  return undefined;
}

try {
  for (const prober of (process.env.BENCH_PROBERS ?? "native,ping").split(",")) {
    const watcher = startWatcher(prober);
    try {
      await waitEvent("watcher-started", 0, 10_000);
      await sleep(1500);
      const cut: number[] = [];
      const silent: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        let at = Date.now();
        batch.send(["link", "set", "server-eth0", "down"]);
        const down = await waitEvent("link-down", at);
        if (down) cut.push(down.t_ms - at);
        batch.send(["link", "set", "server-eth0", "up"]);
        await waitEvent("probe-recovered", Date.now());

        at = Date.now();
        bridge.send(["link", "set", "dev", "server-eth0", "state", "0"]);
        const loss = await waitEvent("probe-loss", at);
        if (loss) silent.push(loss.t_ms - at);
        await injectFault(lab, "server:eth0", "restore");
        await waitEvent("probe-recovered", Date.now());
        await sleep(200);
      }
      console.log(
        `${prober.padEnd(6)} cable-pull -> link-down:        ${summary(cut)}   target <= 10 ms`,
      );
      console.log(
        `${prober.padEnd(6)} silent-drop -> probe-loss (20 ms probes): ${summary(silent)}   target <= 80 ms`,
      );
    } finally {
      watcher.kill("SIGTERM");
      await new Promise((r) => watcher.once("exit", r));
    }
  }
  console.log(
    "peer (bash prototype, 3.6 ms): ip -n NS monitor link | while read l; do date +%s.%N; done",
  );
  console.log(
    "note: iputils ping at -i 0.02 alone sends every ~23-24 ms here (a receive timeout in whole jiffies); with its preload of 2 it keeps 20 ms on average. The native prober sends every 20 ms and calls a probe lost 5 ms after it was due.",
  );
} finally {
  batch.close();
  await labDown(lab.id);
}
