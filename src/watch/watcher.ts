// The watcher: sampler, kernel notifications, probers and bond files feed one detector; its
// events go to the correlator and then to every listener (store, sinks, metrics). Listeners
// are called synchronously and must only enqueue: a slow sink never delays sampling.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type {
  Incident,
  InterfaceRates,
  InterfaceSample,
  ProbeResult,
  WatchEvent,
} from "../events/types.js";
import { run as runCommand } from "../host/exec.js";
import type { Bond } from "../host/model.js";
import { type LacpduCounters, parseBondXstats } from "../host/parse/bond-xstats.js";
import { parseProcNetBonding } from "../host/parse/proc-net-bonding.js";
import { type Clock, systemClock } from "../lib/clock.js";
import { LinkMonitor } from "../runtime/link-monitor.js";
import type { MonitorMessage } from "../runtime/parse/ip-monitor.js";
import type { ProberCallbacks } from "../runtime/probe/path.js";
import {
  chooseProber,
  createProber,
  type PathProber,
  type ProbePath,
  type ProberChoice,
} from "../runtime/prober.js";
import { Correlator, DEFAULT_CORRELATOR_CONFIG } from "./correlate/correlator.js";
import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from "./detect/config.js";
import { Detector } from "./detect/detector.js";
import { makeEvent } from "./detect/event.js";
import { ratesBetween, Sampler } from "./sampler.js";

export interface WatcherOptions {
  host: string;
  intervalMs: number;
  probeIntervalMs: number;
  interfaces: string[];
  probes: ProbePath[];
  /** Native raw-socket probes or ping/arping; chosen here when not given. */
  prober?: ProberChoice;
  detector?: DetectorConfig;
  incidentQuietMs?: number;
  procNetBonding?: string;
  /** Listen to kernel notifications (off only for tests of the sampler alone). */
  netlink?: boolean;
  /** Where /sys and /proc are read from: "/" on a host, a directory of files in tests. */
  root?: string;
  /** Time, the `ip` runner, the link monitor and the probers; the real ones by default. */
  io?: Partial<WatcherIo>;
}

/** Wall time and the sampling timer. */
export type WatcherClock = Pick<Clock, "now" | "every">;

/** A source of kernel link and address changes (a long-lived `ip monitor`). */
export interface LinkSource {
  /** Resolves once no change can be missed any more. */
  start(): Promise<void>;
  stop(): void;
}

/** Everything the watcher does to the world besides reading files under its root. */
export interface WatcherIo {
  clock: WatcherClock;
  /** Runs a command (`ip ...`) and resolves with its output. */
  run(argv: string[], opts: { timeoutMs?: number }): Promise<string>;
  linkSource(
    onMessage: (m: MonitorMessage, t_ms: number) => void,
    onProblem: (message: string) => void,
  ): LinkSource;
  prober(path: ProbePath, intervalMs: number, cb: ProberCallbacks): PathProber;
}

/** The real world: the system clock, `ip`, `ip monitor`, and the chosen prober. */
function systemIo(choice: ProberChoice): WatcherIo {
  return {
    clock: systemClock,
    run: (argv, opts) => runCommand(argv, opts),
    linkSource: (onMessage, onProblem) => new LinkMonitor(onMessage, onProblem),
    prober: (path, intervalMs, cb) => createProber(choice, path, intervalMs, cb),
  };
}

export interface WatcherListener {
  event?(e: WatchEvent): void;
  incident?(i: Incident): void;
  sample?(s: InterfaceSample, rates: InterfaceRates | null): void;
  probe?(r: ProbeResult): void;
  bond?(b: Bond): void;
  problem?(message: string): void;
}

export class Watcher {
  readonly detector: Detector;
  readonly correlator: Correlator;
  private readonly sampler: Sampler;
  private readonly monitor: LinkSource;
  private readonly io: WatcherIo;
  private readonly probers: PathProber[];
  readonly prober: ProberChoice;
  private readonly listeners: WatcherListener[] = [];
  private readonly last = new Map<string, InterfaceSample>();
  private readonly lastRates = new Map<string, InterfaceRates>();
  private stopTimer: (() => void) | null = null;
  private nextEventId = 1;
  samplesTaken = 0;

  constructor(private readonly opts: WatcherOptions) {
    this.detector = new Detector(opts.host, opts.detector ?? DEFAULT_DETECTOR_CONFIG);
    this.correlator = new Correlator(opts.host, {
      quietMs: opts.incidentQuietMs ?? DEFAULT_CORRELATOR_CONFIG.quietMs,
    });
    const root = opts.root ?? "/";
    this.sampler = new Sampler({
      interfaces: opts.interfaces,
      sysClassNet: join(root, "sys/class/net"),
      procNetDev: join(root, "proc/net/dev"),
    });
    this.prober = opts.prober ?? chooseProber();
    this.io = { ...systemIo(this.prober), ...opts.io };
    this.monitor = this.io.linkSource(
      (m, t) => this.onMonitor(m, t),
      (msg) => this.problem(msg),
    );
    this.probers = opts.probes.map((p) =>
      this.io.prober(p, opts.probeIntervalMs, {
        result: (r) => this.onProbe(r),
        arpReply: (t, ifname, target, mac) =>
          this.emit(this.detector.arpReply(t, ifname, target, mac)),
        problem: (msg) => this.problem(msg),
      }),
    );
  }

  /** Continue event and incident numbering after what the store already holds. */
  continueFrom(nextEventId: number, nextIncidentId: number): void {
    this.nextEventId = nextEventId;
    this.correlator.continueAt(nextIncidentId);
  }

  /** Events from outside the detector (captures, healers): numbered, correlated, delivered. */
  raise(events: WatchEvent[]): void {
    this.emit(events);
  }

  /** The watcher's clock: events raised from outside are stamped by it too. */
  now(): number {
    return this.io.clock.now();
  }

  listen(l: WatcherListener): void {
    this.listeners.push(l);
  }

  async start(): Promise<void> {
    this.tick();
    this.detector.links.markReady();
    if (this.opts.netlink !== false) await this.monitor.start();
    for (const p of this.probers) p.start();
    this.emit([
      makeEvent(
        { host: this.opts.host },
        this.io.clock.now(),
        "watcher-started",
        "info",
        this.opts.host,
        `watching ${this.sampler.watchedCount()} interfaces, ${this.probers.length} probe paths`,
        {
          data: {
            interval_ms: this.opts.intervalMs,
            probe_interval_ms: this.opts.probeIntervalMs,
            prober: this.prober.kind,
          },
        },
      ),
    ]);
    this.stopTimer = this.io.clock.every(this.opts.intervalMs, () => this.tick());
  }

  stop(): void {
    this.stopTimer?.();
    this.stopTimer = null;
    this.monitor.stop();
    for (const p of this.probers) p.stop();
    this.emit([
      makeEvent(
        { host: this.opts.host },
        this.io.clock.now(),
        "watcher-stopped",
        "info",
        this.opts.host,
        "watcher stopped",
      ),
    ]);
    this.sampler.close();
  }

  /** One sampling round: interfaces, then bonds; then let the correlator close incidents. */
  tick(now: number = this.io.clock.now()): InterfaceSample[] {
    let samples: InterfaceSample[] = [];
    try {
      samples = this.sampler.sample(now);
    } catch (err) {
      this.problem(`sampler: ${(err as Error).message}`);
    }
    this.samplesTaken++;
    for (const s of samples) {
      s.state_age_s = this.detector.links.stateAge(s.ifname, now);
      const prev = this.last.get(s.ifname);
      const rates = prev ? ratesBetween(prev, s) : null;
      this.last.set(s.ifname, s);
      if (rates) this.lastRates.set(s.ifname, rates);
      this.emit(this.detector.sample(s, rates));
      for (const l of this.listeners) l.sample?.(s, rates);
    }
    if (this.last.size > samples.length) {
      const present = new Set(samples.map((s) => s.ifname));
      for (const name of [...this.last.keys()]) if (!present.has(name)) this.last.delete(name);
    }
    this.readBonds(now);
    const closed = this.correlator.tick(now);
    if (closed) for (const l of this.listeners) l.incident?.(closed);
    return samples;
  }

  private bondsCheckedAt = 0;
  private hasBonds = true;
  /** LACPDU counters per member from `ip -s link xstats type bond`, refreshed once a second. */
  private lacpdu: Record<string, LacpduCounters> = {};
  private xstatsAt = 0;
  private xstatsRunning = false;

  /** Runs in the background: the counters land in the next samples, never blocking this one. */
  private refreshXstats(now: number): void {
    if (this.xstatsRunning || now - this.xstatsAt < 1000) return;
    this.xstatsRunning = true;
    this.xstatsAt = now;
    this.io
      .run(["ip", "-s", "link", "xstats", "type", "bond"], { timeoutMs: 2000 })
      .then((text) => {
        this.lacpdu = parseBondXstats(text, "ip -s link xstats type bond").value;
      })
      .catch((err: Error) => this.problem(`LACPDU counters: ${err.message}`))
      .finally(() => {
        this.xstatsRunning = false;
      });
  }

  private readBonds(now: number): void {
    const dir = this.opts.procNetBonding ?? join(this.opts.root ?? "/", "proc/net/bonding");
    // No bonding module: look again every 5 s, not on every sample (a failing readdir per
    // sample costs more than the whole sample).
    if (!this.hasBonds && now - this.bondsCheckedAt < 5000) return;
    this.bondsCheckedAt = now;
    let names: string[];
    try {
      names = readdirSync(dir);
      this.hasBonds = names.length > 0;
    } catch {
      this.hasBonds = false;
      return;
    }
    for (const name of names) {
      try {
        const file = join(dir, name);
        const parsed = parseProcNetBonding(readFileSync(file, "utf8"), file, name);
        for (const b of parsed.value) {
          if (b.mode === "802.3ad") {
            this.refreshXstats(now);
            for (const member of b.slaves) {
              const c = this.lacpdu[member.name];
              if (c?.lacpduRx !== undefined) member.lacpduRx = c.lacpduRx;
              if (c?.lacpduTx !== undefined) member.lacpduTx = c.lacpduTx;
            }
          }
          this.emit(this.detector.bond(now, b));
          for (const l of this.listeners) l.bond?.(b);
        }
      } catch (err) {
        this.problem(`${dir}/${name}: ${(err as Error).message}`);
      }
    }
  }

  private onMonitor(m: MonitorMessage, t_ms: number): void {
    if (m.type === "link") {
      if (this.opts.interfaces.length > 0 && !this.opts.interfaces.includes(m.ifname)) return;
      if (m.ifname === "lo") return;
      if (!m.deleted) this.sampler.refresh(m.ifname);
      this.emit(
        this.detector.link({
          t_ms,
          ifname: m.ifname,
          carrier: m.adminUp ? m.carrier : false,
          operstate: m.operstate.toLowerCase(),
          deleted: m.deleted,
          source: "netlink",
        }),
      );
    } else if (m.type === "address") {
      this.emit(this.detector.address(t_ms, m.ifname, m.address, m.deleted));
    }
  }

  private onProbe(r: ProbeResult): void {
    for (const l of this.listeners) l.probe?.(r);
    this.emit(this.detector.probe(r));
  }

  private emit(events: WatchEvent[]): void {
    for (const e of events) {
      e.id = this.nextEventId++;
      const incident = this.correlator.observe(e);
      for (const l of this.listeners) l.event?.(e);
      if (incident) for (const l of this.listeners) l.incident?.(incident);
    }
  }

  private problem(message: string): void {
    for (const l of this.listeners) l.problem?.(message);
  }

  /** Latest rates per interface (metrics, status). */
  rates(): ReadonlyMap<string, InterfaceRates> {
    return this.lastRates;
  }

  samples(): ReadonlyMap<string, InterfaceSample> {
    return this.last;
  }
}
