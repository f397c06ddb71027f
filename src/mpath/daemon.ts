// `linkguard mpath run`: the wiring. The groups' runners (group-runner.ts) get the kernel's
// link notifications, the watcher's probers, the move executor (apply.ts) over one `ip -batch`
// session and the status writer; every decision is printed as a JSON line and recorded.
import { readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { ConfigError } from "../config/config.js";
import { loadCheckedConfig } from "../config/load.js";
import { run } from "../host/exec.js";
import { requireTools } from "../host/tools.js";
import { systemClock } from "../lib/clock.js";
import { defaultGateways, type IpAddrJson, readAddresses } from "../watch/discover.js";
import { LinkMonitor } from "../watch/link-monitor.js";
import { serveMetrics } from "../watch/metrics.js";
import { chooseProber, createProber, describeProber } from "../watch/prober.js";
import { createSink } from "../watch/sinks/index.js";
import { openStore } from "../watch/store/store.js";
import type { WatchEvent } from "../watch/types.js";
import { addressReader } from "./addresses.js";
import { type Announcer, ArpingAnnouncer, NativeAnnouncer } from "./announce.js";
import { moveAddress } from "./apply.js";
import { checkGroup } from "./checks.js";
import { parseMpathConfig } from "./config.js";
import { IpSession } from "./fast-exec.js";
import { GroupRunner, type RunnerIo } from "./group-runner.js";
import { Groups } from "./groups.js";
import { closeInOrder, untilStopped } from "./lifecycle.js";
import { MpathMetrics, metricsListen } from "./metrics.js";
import { recorder } from "./records.js";
import {
  announcersFor,
  groupTargets,
  memberFacts,
  routingTables,
  setUpGroup,
  toolsNeeded,
} from "./setup.js";
import type { PathStats } from "./status.js";
import { StatusWriter } from "./status-writer.js";
import { discoverTargets } from "./targets.js";
import { ipTransport } from "./transport.js";
import { pathCheck } from "./verify.js";

export interface MpathFlags {
  config?: string;
  dryRun?: boolean;
  /** Milliseconds (parsed by the CLI). */
  duration?: number;
  /** Prometheus /metrics listen address, or "off" (default 127.0.0.1:9471). */
  metrics?: string;
}

function readCarrier(ifname: string): boolean | null {
  try {
    return readFileSync(`/sys/class/net/${ifname}/carrier`, "utf8").trim() === "1";
  } catch {
    return null;
  }
}

export async function runMpath(flags: MpathFlags): Promise<void> {
  const file = await loadCheckedConfig(flags.config);
  const cfg = parseMpathConfig(file.config.mpath, file.text, file.file);
  if (cfg.groups.length === 0)
    throw new ConfigError(
      file.text === ""
        ? `no config file at ${file.file}: mpath run needs one with mpath.groups (docs/mpath.md), or --config FILE`
        : `${file.file}: no mpath groups configured: add mpath.groups (docs/mpath.md)`,
    );
  const dryRun = flags.dryRun === true;
  const clock = systemClock;
  const prober = chooseProber();
  requireTools("mpath run", toolsNeeded(cfg.groups, dryRun, prober.kind));
  const outputs: ((e: WatchEvent) => void)[] = [];
  const emit = recorder(hostname(), outputs);
  const store = cfg.store ? openStore(cfg.store.path) : null;
  if (store) outputs.push((e) => void store.addEvent(e));
  const sinks = cfg.sinks.map(createSink);
  for (const s of sinks) outputs.push((e) => s.write(e));
  const gateways = await defaultGateways().catch(() => [] as string[]);
  const links = await readAddresses().catch(() => [] as IpAddrJson[]);
  const ipSession = dryRun ? null : new IpSession();
  const transport = ipTransport(ipSession, run);
  const addressesOf = addressReader(run);
  /** A gratuitous ARP ready per (member, IPv4 data address), fired the moment it is needed. */
  const announcers = new Map<string, Announcer>();
  const stats = new Map<string, PathStats>();
  const runners: GroupRunner[] = [];
  const snapshot = () => ({
    pid: process.pid,
    dry_run: dryRun,
    groups: runners.map((r) => r.status()),
    probes: [...stats.values()],
    prober: prober.kind,
  });
  const status = new StatusWriter(cfg.status_file, snapshot, clock);
  const metrics = new MpathMetrics(() => runners.map((r) => r.engine.status()), prober.kind);
  const io: RunnerIo = {
    clock,
    random: Math.random,
    emit,
    dryRun,
    probe(member, target, spacing, cb) {
      const p = createProber(prober, { ifname: member, target, kind: "icmp" }, spacing, cb);
      p.start();
      return p;
    },
    move: (a, o) => {
      const announcer = announcers.get(`${a.to} ${a.address}`);
      const gateway = gateways[0] !== undefined && { gateway: gateways[0] };
      return moveAddress(
        a.address,
        a.from,
        a.to,
        { dryRun, ...o, ...gateway },
        { transport, addressesOf, ...(announcer && { announcer }) },
      );
    },
    verify: pathCheck(prober, run),
    moved: (group, reason, ok) => metrics.move(group, reason, ok),
    statusChanged: (force) => status.update(force),
    problem: (msg) => process.stderr.write(`linkguard mpath: ${msg}\n`),
  };
  const setupIo = { run, writeProc: writeFileSync, emit, now: clock.now };
  const tables = routingTables(cfg.groups);
  for (const [i, g] of cfg.groups.entries()) {
    // Each member's MAC and test addresses, for the target search and the checks.
    const facts = memberFacts(g, cfg.groups, links);
    const self = facts.flatMap((m) => m.testAddresses);
    const targets = await groupTargets(g, gateways, self, discoverTargets, setupIo);
    runners.push(new GroupRunner(g, targets, tables[i] as Map<string, number>, stats, io));
    for (const w of checkGroup(g.name, facts, targets.length > 0))
      emit({
        t_ms: clock.now(),
        kind: w.kind,
        severity: "warning",
        subject: w.subject,
        detail: w.detail,
        data: { group: g.name },
      });
    if (dryRun) continue;
    const make = (m: string, ip: string): Announcer =>
      prober.kind === "native"
        ? new NativeAnnouncer(prober.addon, m, ip)
        : new ArpingAnnouncer(m, ip);
    for (const [key, a] of announcersFor(g, make)) announcers.set(key, a);
    await setUpGroup(g, tables[i] as Map<string, number>, gateways[0], setupIo);
  }

  const listen = metricsListen(flags.metrics);
  const metricsServer = listen ? await serveMetrics(metrics.registry, listen) : null;
  const groups = new Groups(runners, status, clock);
  const monitor = new LinkMonitor((m, t) => {
    if (m.type === "link") groups.link(m.ifname, !m.deleted && m.adminUp && m.carrier, t);
  });
  await monitor.start();
  groups.start(readCarrier);
  emit({
    t_ms: clock.now(),
    kind: "mpath-started",
    severity: "info",
    subject: "mpath",
    detail: `${runners.length} group(s), ${groups.probePaths()} probe paths${dryRun ? ", dry run" : ""}, ${listen ? `metrics http://${listen}/metrics` : "no metrics"}; ${describeProber(prober)}`,
    data: { prober: prober.kind },
  });

  await untilStopped(clock, flags.duration);
  // The ip monitor stops before the moves are awaited: no new move starts on a closing session.
  await closeInOrder([
    () => metricsServer?.close(),
    () => monitor.stop(),
    () => groups.stop(),
    () => ipSession?.close(),
    () => store?.close(),
    () => Promise.all(sinks.map((s) => s.flush(2000).then(() => s.close()))),
    () => {
      for (const a of announcers.values()) a.close();
    },
  ]);
}
