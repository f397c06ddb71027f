// The watcher as a daemon: config file first, flags override; store, sinks and /metrics are
// attached as listeners. SIGINT/SIGTERM stop it cleanly (store flushed, sinks drained).

import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { silencesOf } from "../config/config.js";
import { loadCheckedConfig } from "../config/load.js";
import { Healer } from "../heal/healer.js";
import { requireTools } from "../host/tools.js";
import { DEFAULT_LISTEN, parseListen, parseServeConfig, type ServeConfig } from "../web/config.js";
import { DoctorRecorder } from "../web/doctor-recorder.js";
import type { RunningServer } from "../web/server.js";
import { CaptureManager } from "./capture/manager.js";
import { parseWatchConfig, type WatchConfig } from "./config.js";
import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from "./detect/config.js";
import { makeEvent } from "./detect/event.js";
import { defaultGateways, interfacesWithIpv4, probePaths } from "./discover.js";
import { serveMetrics, WatchMetrics } from "./metrics.js";
import { startNeighbourWatch } from "./neighbours/start.js";
import { chooseProber, describeProber } from "./prober.js";
import { createSink, type SinkConfig } from "./sinks/index.js";
import { openStore, type Store } from "./store/store.js";
import { Watcher } from "./watcher.js";

export interface WatchFlags {
  config?: string;
  interface: string[];
  /** Milliseconds (parsed by the CLI), like probeInterval and duration. */
  interval?: number;
  probeInterval?: number;
  target: string[];
  arpTarget: string[];
  autoGateway: boolean;
  db?: string;
  store: boolean;
  jsonl?: string;
  syslog?: string;
  webhook?: string;
  capture: string[];
  captureDir?: string;
  metrics?: string;
  once?: boolean;
  duration?: number;
  host?: string;
  /** HOST:PORT for the dashboard, or "off". */
  serve?: string;
  /** The neighbour table's file, or "off" (no LLDP/CDP listening). */
  lldp?: string;
}

/** "host:port" or "host:port/tcp" -> a syslog sink config. */
export function syslogFlag(text: string): SinkConfig {
  const m = /^(.+):(\d{1,5})(?:\/(udp|tcp))?$/.exec(text);
  if (!m) throw new Error(`--syslog: expected HOST:PORT[/udp|/tcp], got "${text}"`);
  return {
    type: "syslog",
    host: (m[1] as string).replace(/^\[|\]$/g, ""),
    port: Number(m[2]),
    protocol: (m[3] ?? "udp") as "udp" | "tcp",
  };
}

function merge(cfg: WatchConfig, f: WatchFlags): WatchConfig {
  const out = structuredClone(cfg);
  if (f.interface.length) out.interfaces = f.interface;
  out.interval_ms = f.interval ?? out.interval_ms;
  out.probes.interval_ms = f.probeInterval ?? out.probes.interval_ms;
  if (f.target.length) out.probes.targets = f.target;
  if (f.arpTarget.length) out.probes.arp_targets = f.arpTarget;
  if (!f.autoGateway) out.probes.auto_gateway = false;
  if (!f.store) out.store = false;
  else if (f.db)
    out.store = {
      path: f.db,
      raw_hours: out.store ? out.store.raw_hours : 24,
      rollup_days: out.store ? out.store.rollup_days : 30,
    };
  if (f.jsonl) out.sinks.push({ type: "jsonl", path: f.jsonl });
  if (f.syslog) out.sinks.push(syslogFlag(f.syslog));
  if (f.webhook) out.sinks.push({ type: "webhook", url: f.webhook });
  if (f.capture.length) out.capture.interfaces = f.capture;
  if (f.captureDir) out.capture.dir = f.captureDir;
  if (f.metrics !== undefined) out.metrics = f.metrics === "off" ? false : f.metrics;
  if (f.lldp === "off") out.lldp.listen = false;
  else if (f.lldp !== undefined) {
    if (!f.lldp.startsWith("/"))
      throw new Error(`--lldp: expected an absolute path or off, got "${f.lldp}"`);
    out.lldp.state_file = f.lldp;
  }
  return out;
}

function detectorConfig(c: WatchConfig): DetectorConfig {
  const d = c.detector;
  return {
    ...DEFAULT_DETECTOR_CONFIG,
    ...(d.probe_loss_count !== undefined && { probeLossCount: d.probe_loss_count }),
    ...(d.probe_recover_count !== undefined && { probeRecoverCount: d.probe_recover_count }),
    ...(d.stall_ms !== undefined && { stallMs: d.stall_ms }),
    ...(d.flap_count !== undefined && { flapCount: d.flap_count }),
    ...(d.flap_window_ms !== undefined && { flapWindowMs: d.flap_window_ms }),
    ...(d.storm_min_pps !== undefined && { stormMinPps: d.storm_min_pps }),
    ...(d.error_burst_per_second !== undefined && {
      errorBurstPerSecond: d.error_burst_per_second,
    }),
  };
}

function startHealer(
  cfg: WatchConfig,
  watcher: Watcher,
  host: string,
  probeMembers: string[],
): void {
  const healthy = (name: string) =>
    watcher.samples().get(name)?.carrier === true &&
    !watcher.detector.probes.failedPaths().some((p) => p.ifname === name);
  const healer = new Healer(
    cfg.heal.rules,
    {
      maxPerHour: cfg.heal.max_per_hour,
      cooldownMs: cfg.heal.cooldown_s * 1000,
      settleMs: cfg.heal.settle_s === undefined ? undefined : cfg.heal.settle_s * 1000,
      dryRun: !cfg.heal.enabled,
    },
    {
      members: (ifname) => {
        let names = probeMembers;
        try {
          const bond = readFileSync(`/sys/class/net/${ifname}/master/uevent`, "utf8");
          const name = /INTERFACE=(\S+)/.exec(bond)?.[1];
          if (name)
            names = readFileSync(`/sys/class/net/${name}/bonding/slaves`, "utf8")
              .trim()
              .split(/\s+/);
        } catch {
          // not a bond member: the probing members are the group
        }
        return names.map((name) => ({ name, healthy: healthy(name) }));
      },
      raise: (kind, severity, subject, detail, data) =>
        watcher.raise([
          makeEvent({ host }, Date.now(), kind, severity, subject, detail, {
            ifname: subject,
            data,
          }),
        ]),
    },
  );
  watcher.listen(healer);
}

function startCapture(
  cfg: WatchConfig,
  watcher: Watcher,
  host: string,
  store: Store | null,
): CaptureManager {
  const c = cfg.capture;
  const MB = 1024 * 1024;
  const manager = new CaptureManager(
    {
      interfaces: c.interfaces,
      snaplen: c.snaplen,
      filter: c.filter,
      preSeconds: c.pre_seconds,
      preBytes: c.pre_mb * MB,
      postSeconds: c.post_seconds,
      dir: c.dir,
      limits: {
        budgetBytes: c.budget_mb * MB,
        minFreeBytes: c.min_free_mb * MB,
        maxPerHour: c.max_per_hour,
      },
    },
    {
      raise: (kind, severity, subject, detail, data) =>
        watcher.raise([
          makeEvent({ host }, Date.now(), kind, severity, subject, detail, {
            ifname: subject,
            data,
          }),
        ]),
      attach: (incidentId, path) => {
        const live = watcher.correlator.current();
        if (live?.id === incidentId && !live.captures.includes(path)) live.captures.push(path);
        store?.addCapture(incidentId, path);
      },
    },
  );
  watcher.listen(manager);
  manager.start();
  return manager;
}

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

export async function runWatch(flags: WatchFlags): Promise<void> {
  const file = await loadCheckedConfig(flags.config);
  const cfg = merge(parseWatchConfig(file.config.watch, file.text, file.file), flags);
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
  requireTools("watch", ["ip"]);
  const targets = [...cfg.probes.targets];
  if (cfg.probes.auto_gateway)
    for (const gw of await defaultGateways()) if (!targets.includes(gw)) targets.push(gw);
  const members = cfg.probes.members.length
    ? cfg.probes.members
    : await interfacesWithIpv4(cfg.interfaces);
  const probes = [
    ...probePaths(members, targets, "icmp"),
    ...probePaths(members, cfg.probes.arp_targets, "arp"),
  ];
  // Raw sockets where the native prober loads and may open them, else ping/arping.
  const prober = chooseProber();
  const watcher = new Watcher({
    host,
    intervalMs: cfg.interval_ms,
    probeIntervalMs: cfg.probes.interval_ms,
    interfaces: cfg.interfaces,
    probes,
    prober,
    detector: detectorConfig(cfg),
    incidentQuietMs: cfg.incident_quiet_ms,
  });

  if (!flags.once)
    requireTools("watch", [
      ...(prober.kind === "ping" && probes.some((p) => p.kind === "icmp")
        ? (["ping"] as const)
        : []),
      ...(prober.kind === "ping" && probes.some((p) => p.kind === "arp")
        ? (["arping", "stdbuf"] as const)
        : []),
      ...(cfg.capture.interfaces.length ? (["tcpdump"] as const) : []),
    ]);
  if (flags.once) {
    const samples = watcher.tick();
    process.stdout.write(`${JSON.stringify({ host, samples, probes }, null, 2)}\n`);
    return;
  }

  let store: Store | null = null;
  if (cfg.store) {
    store = openStore(cfg.store.path, {
      retention: {
        rawMs: cfg.store.raw_hours * 3_600_000,
        rollupMs: cfg.store.rollup_days * 86_400_000,
      },
    });
    const maxEvent = store.db.prepare("SELECT coalesce(max(id), 0) AS n FROM events").get() as {
      n: number;
    };
    const maxIncident = store.db
      .prepare("SELECT coalesce(max(id), 0) AS n FROM incidents")
      .get() as { n: number };
    watcher.continueFrom(maxEvent.n + 1, maxIncident.n + 1);
    const s = store;
    watcher.listen({
      sample: (x, r) => s.addSample(x, r),
      probe: (r) => s.addProbe(r),
      event: (e) => void s.addEvent(e),
      incident: (i) => s.upsertIncident(i),
    });
  }
  const sinks = cfg.sinks.map(createSink);
  watcher.listen({
    event: (e) => {
      for (const s of sinks) s.write(e);
    },
  });
  watcher.listen({ problem: (m) => process.stderr.write(`linkguard watch: ${m}\n`) });
  if (cfg.heal.rules.length > 0) startHealer(cfg, watcher, host, members);
  const capture = cfg.capture.interfaces.length ? startCapture(cfg, watcher, host, store) : null;
  const metrics = new WatchMetrics(prober.kind);
  watcher.listen(metrics);
  const server = cfg.metrics ? await serveMetrics(metrics.registry, cfg.metrics) : null;
  const problem = (m: string) => process.stderr.write(`linkguard watch: ${m}\n`);
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
  try {
    await watcher.start();
  } catch (err) {
    // Open ports would keep a failed watcher's process alive.
    capture?.stop();
    await dashboard?.close();
    server?.close();
    store?.close();
    await Promise.all(sinks.map((s) => s.flush(2000).then(() => s.close())));
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
  const where = [
    store ? `store ${cfg.store ? cfg.store.path : ""}` : "no store",
    server ? `metrics http://${cfg.metrics}/metrics` : "no metrics",
    dashboard ? `dashboard ${dashboard.url}` : "no dashboard",
    neighbours ? `LLDP/CDP heard on ${neighbours.members.join(", ")}` : "no LLDP/CDP listening",
    ...(neighbours && neighbours.announcing.length > 0
      ? [`LLDP sent on ${neighbours.announcing.join(", ")}`]
      : []),
  ];
  process.stderr.write(
    `linkguard watch: ${probes.length} probe paths (${targets.join(", ") || "no targets"}), ${where.join(", ")}; ${describeProber(prober)}\n`,
  );

  await new Promise<void>((resolve) => {
    const ms = flags.duration;
    const timer = ms === undefined ? undefined : setTimeout(() => stop(), ms);
    // A signal before --duration ends must not leave the process waiting for the timer.
    const stop = () => {
      clearTimeout(timer);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  capture?.stop();
  recorder?.stop();
  await neighbours?.stop();
  await dashboard?.close();
  watcher.stop();
  server?.close();
  store?.close();
  await Promise.all(sinks.map((s) => s.flush(2000).then(() => s.close())));
}
