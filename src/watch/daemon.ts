// The watcher as a daemon: config file first, flags override; store, sinks and /metrics are
// attached as listeners. --duration, SIGINT or SIGTERM stop it cleanly (store flushed, sinks
// drained, ports closed). Wiring only: the world (root, clock, commands, signals) is `env`.

import { hostname } from "node:os";
import { join } from "node:path";
import { silencesOf } from "../config/config.js";
import { loadCheckedConfig } from "../config/load.js";
import { run } from "../host/exec.js";
import { requireTools } from "../host/tools.js";
import { defaultGateways, interfacesWithIpv4, probePaths } from "../runtime/discover.js";
import { type SignalSource, type StopTimers, waitForStop } from "../runtime/lifecycle.js";
import { serveMetrics } from "../runtime/metrics-server.js";
import { chooseProber, describeProber, type ProberChoice } from "../runtime/prober.js";
import { createSink } from "../runtime/sinks/index.js";
import { DEFAULT_LISTEN, parseListen, parseServeConfig, type ServeConfig } from "../web/config.js";
import { DoctorRecorder } from "../web/doctor-recorder.js";
import type { RunningServer } from "../web/server.js";
import { startCapture } from "./capture/start.js";
import { parseWatchConfig, type WatchConfig } from "./config.js";
import { startHealer } from "./heal-start.js";
import { WatchMetrics } from "./metrics.js";
import { startNeighbourWatch } from "./neighbours/start.js";
import { startLine } from "./start-line.js";
import { attachStore } from "./store-attach.js";
import { detectorConfig, mergeFlags, type WatchFlags } from "./watch-flags.js";
import { Watcher, type WatcherIo } from "./watcher.js";

/** What the daemon takes from the world; a test gives its own, a host the defaults. */
export interface WatchEnv {
  /** Where /sys and /proc are read from. */
  root: string;
  /** The watcher's clock, `ip` runner, link monitor and probers (real ones when left out). */
  io: Partial<WatcherIo>;
  prober: () => ProberChoice;
  requireTools: typeof requireTools;
  signals: SignalSource;
  timers?: StopTimers;
  stdout(text: string): void;
  stderr(text: string): void;
}

const hostEnv: WatchEnv = {
  root: "/",
  io: {},
  prober: chooseProber,
  requireTools,
  signals: process,
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** The dashboard in-process; a port that cannot be bound is one problem line, not a crash. */
async function startServe(
  serve: ServeConfig,
  flag: string | undefined,
  cfg: WatchConfig,
  host: string,
  problem: (m: string) => void,
): Promise<RunningServer | null> {
  if (flag === "off" || (serve === false && flag === undefined)) return null;
  const web = await import("../web/dashboard.js");
  const token = serve === false ? undefined : serve.token;
  try {
    const listen = parseListen(flag ?? (serve === false ? DEFAULT_LISTEN : serve.listen));
    return await web.startDashboard({
      listen,
      token,
      storePath: cfg.store ? cfg.store.path : null,
      captureDir: cfg.capture.dir,
      doctorRoot: "/",
      mpathStatusFile: web.DEFAULT_MPATH_STATUS,
      host,
      hosts: serve === false ? [] : serve.hosts,
    });
  } catch (err) {
    problem(
      `dashboard not started (--serve ${flag ?? "from the config"}): ${(err as Error).message}`,
    );
    return null;
  }
}

export async function runWatch(flags: WatchFlags, given: Partial<WatchEnv> = {}): Promise<void> {
  const env: WatchEnv = { ...hostEnv, ...given };
  const file = await loadCheckedConfig(flags.config);
  const cfg = mergeFlags(parseWatchConfig(file.config.watch, file.text, file.file), flags);
  const serveCfg = parseServeConfig(file.config.serve, file.text, file.file);
  if (flags.serve !== undefined && flags.serve !== "off") {
    try {
      parseListen(flags.serve);
    } catch (err) {
      throw new Error(`--serve: ${(err as Error).message} (or "off")`);
    }
  }
  const host = flags.host ?? hostname();
  // Interfaces, routes and link changes all come from `ip`.
  env.requireTools("watch", ["ip"]);
  const ip = (argv: string[]) => (env.io.run ?? run)(argv, {});
  const targets = [...cfg.probes.targets];
  if (cfg.probes.auto_gateway)
    for (const gw of await defaultGateways(ip)) if (!targets.includes(gw)) targets.push(gw);
  const members = cfg.probes.members.length
    ? cfg.probes.members
    : await interfacesWithIpv4(cfg.interfaces, ip);
  const probes = [
    ...probePaths(members, targets, "icmp"),
    ...probePaths(members, cfg.probes.arp_targets, "arp"),
  ];
  // Raw sockets where the native prober loads and may open them, else ping/arping.
  const prober = env.prober();
  const watcher = new Watcher({
    host,
    intervalMs: cfg.interval_ms,
    probeIntervalMs: cfg.probes.interval_ms,
    interfaces: cfg.interfaces,
    probes,
    prober,
    detector: detectorConfig(cfg),
    incidentQuietMs: cfg.incident_quiet_ms,
    root: env.root,
    io: env.io,
  });

  if (flags.once) {
    const samples = watcher.tick();
    env.stdout(`${JSON.stringify({ host, samples, probes }, null, 2)}\n`);
    return;
  }
  env.requireTools("watch", [
    ...(prober.kind === "ping" && probes.some((p) => p.kind === "icmp") ? (["ping"] as const) : []),
    ...(prober.kind === "ping" && probes.some((p) => p.kind === "arp")
      ? (["arping", "stdbuf"] as const)
      : []),
    ...(cfg.capture.interfaces.length ? (["tcpdump"] as const) : []),
  ]);

  const store = cfg.store ? attachStore(cfg.store, watcher) : null;
  const sinks = cfg.sinks.map(createSink);
  watcher.listen({
    event: (e) => {
      for (const s of sinks) s.write(e);
    },
  });
  const problem = (m: string) => env.stderr(`linkguard watch: ${m}\n`);
  watcher.listen({ problem });
  if (cfg.heal.rules.length > 0)
    startHealer(cfg, watcher, host, members, join(env.root, "sys/class/net"));
  const capture = cfg.capture.interfaces.length ? startCapture(cfg, watcher, host, store) : null;
  const metrics = new WatchMetrics(prober.kind);
  watcher.listen(metrics);
  const server = cfg.metrics ? await serveMetrics(metrics.registry, cfg.metrics) : null;
  const recorder =
    store && serveCfg !== false
      ? new DoctorRecorder(store, {
          intervalMs: serveCfg.doctor_interval_s * 1000,
          silences: silencesOf(file.config),
          problem,
        })
      : null;
  if (recorder) watcher.listen(recorder);

  // Listening before watcher-started, so that event means every port answers.
  const dashboard = await startServe(serveCfg, flags.serve, cfg, host, problem);
  const closeOutputs = async () => {
    server?.close();
    store?.close();
    await Promise.all(sinks.map((s) => s.flush(2000).then(() => s.close())));
  };
  try {
    await watcher.start();
  } catch (err) {
    // Open ports would keep a failed watcher's process alive.
    capture?.stop();
    await dashboard?.close();
    await closeOutputs();
    throw err;
  }
  recorder?.start();
  const neighbours = cfg.lldp.listen
    ? await startNeighbourWatch(watcher, {
        host,
        interfaces: cfg.lldp.interfaces,
        extra: [...cfg.interfaces, ...members],
        stateFile: cfg.lldp.state_file === false ? null : cfg.lldp.state_file,
        store,
        metrics: metrics.neighbours,
        transmit: cfg.lldp.transmit,
        problem,
      })
    : null;
  env.stderr(
    startLine({
      probePaths: probes.length,
      targets,
      store: store && cfg.store ? cfg.store.path : null,
      metrics: server && cfg.metrics ? cfg.metrics : null,
      dashboardUrl: dashboard?.url ?? null,
      neighbours,
      prober: describeProber(prober),
    }),
  );

  const stop = waitForStop(flags.duration, env.signals, env.timers);
  await stop.reason;
  capture?.stop();
  recorder?.stop();
  await neighbours?.stop();
  await dashboard?.close();
  watcher.stop();
  await closeOutputs();
  stop.release();
}
