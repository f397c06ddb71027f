// `linkguard mpath run`: the engine fed by kernel link notifications and per-member probes
// (the watcher's own machinery), its moves applied and verified, its state written for
// `mpath status`, every decision printed as a JSON line.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { ConfigError } from "../config/config.js";
import { loadCheckedConfig } from "../config/load.js";
import { CommandError, run } from "../host/exec.js";
import { requireTools } from "../host/tools.js";
import { defaultGateways, type IpAddrJson, readAddresses } from "../watch/discover.js";
import { LinkMonitor } from "../watch/link-monitor.js";
import { serveMetrics } from "../watch/metrics.js";
import { chooseProber, createProber, describeProber, type PathProber } from "../watch/prober.js";
import { createSink } from "../watch/sinks/index.js";
import { openStore } from "../watch/store/store.js";
import { EVENT_KINDS, type EventKind, type WatchEvent } from "../watch/types.js";
import { type Announcer, ArpingAnnouncer, NativeAnnouncer } from "./announce.js";
import { moveAddress, rulePlan, subnetOf, verifyPath } from "./apply.js";
import { nextProbeInterval } from "./backoff.js";
import { checkGroup, type MemberFacts } from "./checks.js";
import {
  engineConfig,
  type MpathGroupConfig,
  parseMpathConfig,
  probeIntervalMs,
} from "./config.js";
import { type Action, GroupEngine } from "./engine.js";
import { IpSession } from "./fast-exec.js";
import { MpathMetrics, metricsListen } from "./metrics.js";
import type { MpathRecord, MpathStatusFile, PathStats } from "./status.js";
import { discoverTargets } from "./targets.js";

export interface MpathFlags {
  config?: string;
  dryRun?: boolean;
  /** Milliseconds (parsed by the CLI). */
  duration?: number;
  /** Prometheus /metrics listen address, or "off" (default 127.0.0.1:9471). */
  metrics?: string;
}

/** Where mpath's records go besides standard output: the store and the sinks. */
const outputs: ((e: WatchEvent) => void)[] = [];
let host = "";

function print(r: MpathRecord): void {
  process.stdout.write(`${JSON.stringify(r)}\n`);
  if (outputs.length === 0) return;
  const kind = (EVENT_KINDS as readonly string[]).includes(r.kind)
    ? (r.kind as EventKind)
    : "mpath-started";
  const e: WatchEvent = {
    t_ms: r.t_ms,
    kind,
    subject: r.subject,
    severity: r.severity,
    detail: r.detail,
    host,
    ...(r.data && { data: r.data }),
  };
  for (const out of outputs) out(e);
}

function readCarrier(ifname: string): boolean | null {
  try {
    return readFileSync(`/sys/class/net/${ifname}/carrier`, "utf8").trim() === "1";
  } catch {
    return null;
  }
}

function setSysctl(ifname: string, key: string, value: string): void {
  try {
    writeFileSync(`/proc/sys/net/ipv4/conf/${ifname}/${key}`, value);
  } catch {
    // not this kernel, or no such interface yet: the move still works, less cleanly
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
  // Probes are pings, links and addresses come from `ip`; a move needs the ip session
  // (stdbuf) and arping for its announcement. Missing, they would read as failed members.
  const announces = cfg.groups.some(
    (g) =>
      g.announce_count > 0 &&
      engineConfig(g, false).dataAddresses.some((d) => !d.address.includes(":")),
  );
  // Native: probes and announcements on raw sockets; else ping and arping processes. The
  // check after a move still pings.
  const prober = chooseProber();
  requireTools("mpath run", [
    "ip",
    "ping",
    ...(dryRun ? [] : (["stdbuf"] as const)),
    ...(!dryRun && announces && prober.kind === "ping" ? (["arping"] as const) : []),
  ]);
  host = hostname();
  const store = cfg.store ? openStore(cfg.store.path) : null;
  if (store) outputs.push((e) => void store.addEvent(e));
  const sinks = cfg.sinks.map(createSink);
  if (sinks.length)
    outputs.push((e) => {
      for (const s of sinks) s.write(e);
    });
  const gateways = await defaultGateways().catch(() => [] as string[]);
  const stats = new Map<string, PathStats>();
  const groups: {
    g: MpathGroupConfig;
    engine: GroupEngine;
    targets: string[];
    chain: Promise<void>;
    tables: Map<string, number>;
  }[] = [];
  let table = 1000;
  const ipSession = dryRun ? null : new IpSession();
  /** A gratuitous ARP ready per (member, IPv4 data address), fired the moment it is needed. */
  const announcers = new Map<string, Announcer>();

  for (const g of cfg.groups) {
    // Each member's MAC and test addresses, read once for the target search and the checks.
    const facts = await memberFacts(g, cfg.groups);
    const targets = [
      ...g.targets,
      ...(g.auto_targets ? gateways.filter((x) => !g.targets.includes(x)) : []),
    ];
    if (targets.length === 0 && g.multicast_targets) {
      const self = facts.flatMap((m) => m.testAddresses);
      targets.push(...(await discoverTargets(g.members, self)));
      print({
        t_ms: Date.now(),
        kind: "mpath-started",
        severity: targets.length ? "info" : "warning",
        subject: g.name,
        detail: targets.length
          ? `${g.name}: no router to probe; the all-hosts group answered from ${targets.join(", ")}`
          : `${g.name}: no router and no all-hosts answer: only link state is watched`,
        data: { group: g.name, targets },
      });
    }
    const engine = new GroupEngine(engineConfig(g, targets.length > 0));
    const tables = new Map<string, number>();
    for (const d of engineConfig(g, false).dataAddresses) tables.set(d.address, table++);
    groups.push({ g, engine, targets, chain: Promise.resolve(), tables });
    for (const w of checkGroup(g.name, facts, targets.length > 0)) {
      print({
        t_ms: Date.now(),
        kind: w.kind,
        severity: "warning",
        subject: w.subject,
        detail: w.detail,
        data: { group: g.name },
      });
    }
    if (!dryRun && g.announce_count > 0) {
      for (const d of engineConfig(g, false).dataAddresses) {
        const ip = d.address.split("/")[0] as string;
        if (ip.includes(":")) continue;
        for (const m of g.members)
          announcers.set(
            `${m} ${d.address}`,
            prober.kind === "native"
              ? new NativeAnnouncer(prober.addon, m, ip)
              : new ArpingAnnouncer(m, ip),
          );
      }
    }
    if (!dryRun) await setUp(g, tables, gateways[0]);
  }

  const metrics = new MpathMetrics(() => groups.map((x) => x.engine.status()), prober.kind);
  const listen = metricsListen(flags.metrics);
  const metricsServer = listen ? await serveMetrics(metrics.registry, listen) : null;

  let statusAt = 0;
  const writeStatus = (force = false) => {
    // Probe results arrive every few ms: the file is rewritten at most twice a second.
    const now = Date.now();
    if (!force && now - statusAt < 500) return;
    statusAt = now;
    const body: MpathStatusFile = {
      updated_ms: Date.now(),
      pid: process.pid,
      dry_run: dryRun,
      groups: groups.map(({ g, engine, targets }) => ({
        ...engine.status(),
        failure_detection_ms: g.failure_detection_ms,
        probe_interval_ms:
          interval.get(groups.find((x) => x.g === g) as (typeof groups)[number]) ??
          probeIntervalMs(g),
        targets,
      })),
      probes: [...stats.values()],
      prober: prober.kind,
    };
    try {
      mkdirSync(dirname(cfg.status_file), { recursive: true });
      writeFileSync(`${cfg.status_file}.tmp`, `${JSON.stringify(body, null, 2)}\n`);
      renameSync(`${cfg.status_file}.tmp`, cfg.status_file);
    } catch (err) {
      process.stderr.write(
        `linkguard mpath: status file ${cfg.status_file}: ${(err as Error).message}\n`,
      );
    }
  };

  const handle = (entry: (typeof groups)[number], actions: Action[]) => {
    for (const a of actions) {
      if (a.type === "event") {
        print({
          t_ms: a.t,
          kind: a.kind,
          severity: a.severity,
          subject: a.subject,
          detail: a.detail,
          data: { group: entry.g.name },
        });
        continue;
      }
      const target = entry.targets[0];
      // Moves of one group run one after another, in the order decided.
      entry.chain = entry.chain.then(async () => {
        const started = Date.now();
        const res = await moveAddress(a.address, a.from, a.to, {
          dryRun,
          announceCount: entry.g.announce_count,
          table: entry.tables.get(a.address) ?? 1000,
          ...(gateways[0] !== undefined && { gateway: gateways[0] }),
          ...(ipSession && { fast: fastFor(ipSession, announcers.get(`${a.to} ${a.address}`)) }),
        });
        metrics.move(entry.g.name, a.reason, res.ok);
        print({
          t_ms: started + res.ms,
          kind: res.ok ? a.reason : "move-failed",
          severity: res.ok ? (a.reason === "failover" ? "warning" : "info") : "critical",
          subject: a.address,
          detail: res.ok
            ? `${a.address} ${dryRun ? "would move" : "moved"} from ${a.from} to ${a.to} in ${res.ms.toFixed(1)} ms${res.reason ? ` (${res.reason})` : ""}`
            : `${a.address} did NOT move from ${a.from} to ${a.to} (${a.reason}): ${res.reason}`,
          data: {
            ok: res.ok,
            reason: a.reason,
            ...(res.failure && { failure: res.failure }),
            group: entry.g.name,
            from: a.from,
            to: a.to,
            decided_ms: a.t,
            started_ms: started,
            steps_ms: res.steps,
            commands: res.commands,
            announced: res.announced,
          },
        });
        if (dryRun || !res.ok || target === undefined) return;
        const v = await verifyPath(a.address, a.to, target);
        const announce = res.announced ? "the announcement left" : "no announcement was sent";
        print({
          t_ms: Date.now(),
          kind: v.ok && res.announced ? "failover-verified" : "failover-unverified",
          severity: v.ok && res.announced ? "info" : "warning",
          subject: a.address,
          detail: `${announce} ${a.to}; ${v.reason}`,
          data: { group: entry.g.name, to: a.to },
        });
        writeStatus(true);
      });
    }
    writeStatus(actions.length > 0);
  };

  const monitor = new LinkMonitor((m, t) => {
    if (m.type !== "link") return;
    for (const entry of groups) {
      if (!entry.g.members.includes(m.ifname)) continue;
      handle(
        entry,
        entry.engine.step({
          type: "link",
          member: m.ifname,
          up: !m.deleted && m.adminUp && m.carrier,
          t,
        }),
      );
    }
  });
  await monitor.start();
  const probers = new Map<(typeof groups)[number], PathProber[]>();
  const interval = new Map<(typeof groups)[number], number>();
  const startProbers = (entry: (typeof groups)[number], ms: number) => {
    for (const p of probers.get(entry) ?? []) p.stop();
    interval.set(entry, ms);
    const list: PathProber[] = [];
    for (const member of entry.g.members) {
      for (const target of entry.targets) {
        const key = `${member}>${target}`;
        const s = stats.get(key) ?? {
          member,
          target,
          sent: 0,
          lost: 0,
          rtt_avg_ms: null,
          rtt_dev_ms: 0,
        };
        stats.set(key, s);
        // in.mpathd spaces probes at 0.5-1.0 x the interval at random so that hosts do not
        // probe in step; ping keeps one spacing, so each path draws its own once.
        const spacing = entry.g.probe_jitter
          ? Math.max(10, Math.round(ms * (0.5 + Math.random() * 0.5)))
          : ms;
        const p = createProber(prober, { ifname: member, target, kind: "icmp" }, spacing, {
          result: (r) => {
            s.sent++;
            if (!r.ok) s.lost++;
            if (r.rtt_ms !== null) {
              s.rtt_avg_ms =
                s.rtt_avg_ms === null ? r.rtt_ms : s.rtt_avg_ms + 0.125 * (r.rtt_ms - s.rtt_avg_ms);
              s.rtt_dev_ms +=
                0.25 * (Math.abs(r.rtt_ms - (s.rtt_avg_ms ?? r.rtt_ms)) - s.rtt_dev_ms);
            }
            handle(entry, entry.engine.step({ type: "probe", member, ok: r.ok, t: r.t_ms }));
          },
          problem: (msg) => process.stderr.write(`linkguard mpath: ${msg}\n`),
        });
        list.push(p);
        p.start();
      }
    }
    probers.set(entry, list);
  };
  for (const entry of groups) {
    for (const member of entry.g.members) {
      const carrier = readCarrier(member);
      if (carrier !== null)
        handle(entry, entry.engine.step({ type: "link", member, up: carrier, t: Date.now() }));
    }
    startProbers(entry, probeIntervalMs(entry.g));
  }
  /**
   * in.mpathd: when the targets answer slower than the probe spacing allows, the failure
   * detection time grows (up to 10 x the configured one), and shrinks back once they are fast.
   */
  const adaptDetection = (entry: (typeof groups)[number]) => {
    const base = probeIntervalMs(entry.g);
    const now = interval.get(entry) ?? base;
    const paths = [...stats.values()].filter(
      (p) => entry.g.members.includes(p.member) && p.rtt_avg_ms !== null,
    );
    if (paths.length === 0) return;
    const worst = Math.max(...paths.map((p) => (p.rtt_avg_ms ?? 0) + 4 * p.rtt_dev_ms));
    const next = nextProbeInterval(base, now, worst);
    if (next === now) return;
    print({
      t_ms: Date.now(),
      kind: next > now ? "detection-time-increased" : "detection-time-restored",
      severity: next > now ? "warning" : "info",
      subject: entry.g.name,
      detail: `${entry.g.name}: targets answer in up to ${worst.toFixed(0)} ms; failure detection time ${(now * 7).toFixed(0)} -> ${(next * 7).toFixed(0)} ms`,
      data: { group: entry.g.name, probe_interval_ms: next, worst_rtt_ms: worst },
    });
    startProbers(entry, next);
  };
  const proberCount = () => [...probers.values()].reduce((n, l) => n + l.length, 0);
  print({
    t_ms: Date.now(),
    kind: "mpath-started",
    severity: "info",
    subject: "mpath",
    detail: `${groups.length} group(s), ${proberCount()} probe paths${dryRun ? ", dry run" : ""}, ${listen ? `metrics http://${listen}/metrics` : "no metrics"}; ${describeProber(prober)}`,
    data: { prober: prober.kind },
  });
  const ticker = setInterval(() => {
    for (const entry of groups) {
      handle(entry, entry.engine.step({ type: "tick", t: Date.now() }));
      adaptDetection(entry);
    }
    writeStatus();
  }, 1000);
  writeStatus(true);

  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
    if (flags.duration !== undefined) setTimeout(resolve, flags.duration);
  });
  clearInterval(ticker);
  metricsServer?.close();
  monitor.stop();
  for (const list of probers.values()) for (const p of list) p.stop();
  await Promise.all(groups.map((g) => g.chain));
  ipSession?.close();
  store?.close();
  await Promise.all(sinks.map((s) => s.flush(2000).then(() => s.close())));
  for (const a of announcers.values()) a.close();
}

/** What the start-up checks need: each member's MAC and its addresses that never move. */
async function memberFacts(g: MpathGroupConfig, all: MpathGroupConfig[]): Promise<MemberFacts[]> {
  const data = new Set(
    all.flatMap((x) =>
      Object.values(x.data_addresses)
        .flat()
        .map((a) => a.split("/")[0]),
    ),
  );
  const links = await readAddresses().catch(() => [] as IpAddrJson[]);
  return g.members.map((name) => {
    const l = links.find((x) => x.ifname === name);
    const testAddresses = (l?.addr_info ?? [])
      .filter((a) => a.scope !== "link" && !data.has(a.local))
      .map((a) => a.local);
    return { name, mac: l?.address ?? null, testAddresses };
  });
}

function fastFor(
  ip: IpSession,
  announce: Announcer | undefined,
): { ip: IpSession; announce?: Announcer } {
  return announce ? { ip, announce } : { ip };
}

/** ARP only from the member that holds an address; the address's own routing table. */
async function setUp(
  g: MpathGroupConfig,
  tables: Map<string, number>,
  gateway: string | undefined,
): Promise<void> {
  for (const m of g.members) {
    setSysctl(m, "arp_ignore", "1");
    setSysctl(m, "arp_announce", "2");
    // IPv6: the kernel sends an unsolicited neighbour advertisement when an address arrives.
    try {
      writeFileSync(`/proc/sys/net/ipv6/conf/${m}/ndisc_notify`, "1");
    } catch {
      // no IPv6 on this member
    }
  }
  const rules = await run(["ip", "rule", "show"]).catch(() => "");
  for (const [home, list] of Object.entries(g.data_addresses)) {
    for (const address of list) {
      const t = tables.get(address) as number;
      const ip = address.split("/")[0] as string;
      // Without its rule, replies from the address ignore its table: a start-up error.
      if (!rules.includes(`from ${ip} lookup ${t}`))
        await run(rulePlan(address, t)).catch((err: Error) => {
          if (!/File exists/.test(err.message)) throw err;
        });
      for (const other of g.members)
        if (other !== home)
          await run(["ip", "address", "del", address, "dev", other]).catch(() => undefined);
      await run(["ip", "address", "replace", address, "dev", home]);
      await run([
        "ip",
        "route",
        "replace",
        subnetOf(address),
        "dev",
        home,
        "src",
        ip,
        "table",
        String(t),
      ]);
      if (gateway)
        await run([
          "ip",
          "route",
          "replace",
          "default",
          "via",
          gateway,
          "dev",
          home,
          "table",
          String(t),
        ]).catch((err: Error) =>
          print({
            t_ms: Date.now(),
            kind: "mpath-started",
            severity: "warning",
            subject: address,
            detail: `${g.name}: no default route via ${gateway} in table ${t} for ${address}: ${err.message}`,
            data: { group: g.name, ...(err instanceof CommandError && { failure: err }) },
          }),
        );
    }
  }
}
