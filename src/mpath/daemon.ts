// `linkguard mpath run`: the wiring. The groups' runners (group-runner.ts) get the kernel's
// link notifications, the probers, the one move executor over the `ip -batch` session
// (mover.ts) and the status writer; every decision is printed as a JSON line and recorded.
import { writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { run } from "../host/exec.js";
import { requireTools } from "../host/tools.js";
import { systemClock } from "../lib/clock.js";
import { defaultGateways, type IpAddrJson, readAddresses } from "../runtime/discover.js";
import { closeInOrder, untilStopped } from "../runtime/lifecycle.js";
import { LinkMonitor } from "../runtime/link-monitor.js";
import { serveMetrics } from "../runtime/metrics-server.js";
import { chooseProber } from "../runtime/prober.js";
import { assembleGroups } from "./assemble.js";
import { carrierReader } from "./carrier.js";
import { GroupRunner, type RunnerIo } from "./group-runner.js";
import { Groups } from "./groups.js";
import { MpathMetrics, metricsListen } from "./metrics.js";
import { runMover } from "./mover.js";
import { openOutputs } from "./outputs.js";
import { probeStarter } from "./probes.js";
import { startedRecord } from "./records.js";
import { loadMpathRunConfig } from "./run-config.js";
import { toolsNeeded } from "./setup.js";
import type { PathStats } from "./status.js";
import { StatusWriter, statusSnapshot } from "./status-writer.js";
import { discoverTargets } from "./targets.js";
import { pingCheck } from "./verify.js";

export interface MpathFlags {
  config?: string;
  dryRun?: boolean;
  /** Milliseconds (parsed by the CLI). */
  duration?: number;
  /** Prometheus /metrics listen address, or "off" (default 127.0.0.1:9471). */
  metrics?: string;
}

export async function runMpath(flags: MpathFlags): Promise<void> {
  const cfg = await loadMpathRunConfig(flags.config);
  const dryRun = flags.dryRun === true;
  const clock = systemClock;
  const prober = chooseProber();
  requireTools("mpath run", toolsNeeded(cfg.groups, dryRun, prober.kind));
  const out = openOutputs(cfg, hostname());
  const gateways = await defaultGateways().catch(() => [] as string[]);
  const links = await readAddresses().catch(() => [] as IpAddrJson[]);
  const mover = runMover(dryRun, gateways[0], prober);
  const stats = new Map<string, PathStats>();
  let runners: GroupRunner[] = [];
  const snapshot = () => statusSnapshot(process.pid, dryRun, runners, stats, prober.kind);
  const status = new StatusWriter(cfg.status_file, snapshot, clock);
  const metrics = new MpathMetrics(() => runners.map((r) => r.engine.status()), prober.kind);
  const io: RunnerIo = {
    clock,
    random: Math.random,
    emit: out.emit,
    dryRun,
    move: mover.move,
    probe: probeStarter(prober),
    verify: pingCheck(run),
    moved: (group, reason, ok) => metrics.move(group, reason, ok),
    statusChanged: (force) => status.update(force),
    problem: (msg) => process.stderr.write(`linkguard mpath: ${msg}\n`),
  };
  const setup = { run, writeProc: writeFileSync, emit: out.emit, now: clock.now };
  runners = await assembleGroups(cfg.groups, {
    dryRun,
    gateways,
    links,
    discover: discoverTargets,
    setup,
    arm: (g) => mover.arm(g),
    runner: (g, targets, tables) => new GroupRunner(g, targets, tables, stats, io),
  });
  const listen = metricsListen(flags.metrics);
  const metricsServer = listen ? await serveMetrics(metrics.registry, listen) : null;
  const groups = new Groups(runners, status, clock);
  const carrier = carrierReader("/");
  const monitor = new LinkMonitor((m, t) => {
    if (m.type === "link") groups.link(m.ifname, !m.deleted && m.adminUp && m.carrier, t);
    else if (m.type === "overflow") groups.relink(carrier);
  }, io.problem);
  await monitor.start();
  groups.start(carrier);
  out.emit(startedRecord(clock.now(), groups, { dryRun, listen, prober }));

  await untilStopped(clock, flags.duration);
  // The ip monitor stops before the moves are awaited: no new move starts on a closing session;
  // the session and the announcers close once the moves under way are done.
  await closeInOrder([
    () => metricsServer?.close(),
    () => monitor.stop(),
    () => groups.stop(),
    () => mover.close(),
    () => out.close(),
  ]);
}
