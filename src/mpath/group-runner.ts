// One mpath group at run time: the engine fed by link, probe and tick events, its moves
// carried out one after another, each followed by a check of the path, and the probe spacing
// adapted to how fast the targets answer. Everything outside (clock, probes, moves, the path
// check, records, the status file) comes in as arguments, so tests drive it without root.

import type { Clock } from "../lib/clock.js";
import type { MoveResult } from "./apply.js";
import { nextProbeInterval } from "./backoff.js";
import { engineConfig, type MpathGroupConfig, probeIntervalMs } from "./config.js";
import { type Action, GroupEngine } from "./engine.js";
import { newPathStats, recordProbe, worstRtt } from "./path-stats.js";
import type { Emit } from "./records.js";
import type { MpathStatusFile, PathStats } from "./status.js";

export type MoveAction = Extract<Action, { type: "move" }>;

export interface ProbeCallbacks {
  result(r: { ok: boolean; rtt_ms: number | null; t_ms: number }): void;
  problem(message: string): void;
}

export interface RunnerIo {
  clock: Clock;
  /** A number in [0, 1) for the probe jitter. */
  random: () => number;
  emit: Emit;
  dryRun: boolean;
  /** Starts probing `target` through `member` every `spacing_ms`; returns the way to stop. */
  probe(member: string, target: string, spacing_ms: number, cb: ProbeCallbacks): { stop(): void };
  /** Carries out one move in the kernel (or, dry, says what it would do). */
  move(a: MoveAction, o: { table: number; announceCount: number }): Promise<MoveResult>;
  /** After a move: does the path answer from the address through the new member? */
  verify(address: string, to: string, target: string): Promise<{ ok: boolean; reason: string }>;
  /** A move was made or failed (metrics). */
  moved?(group: string, reason: string, ok: boolean): void;
  /** The state changed: `force` writes the status file now, else at most twice a second. */
  statusChanged(force: boolean): void;
  /** A prober could not run. */
  problem(message: string): void;
}

export type GroupStatusEntry = MpathStatusFile["groups"][number];

export class GroupRunner {
  readonly engine: GroupEngine;
  private chain: Promise<void> = Promise.resolve();
  private probers: { stop(): void }[] = [];
  private interval_ms: number;

  /**
   * `stats`: every path's counters, shared by the groups (the status file lists them all);
   * `tables`: the routing table of each data address.
   */
  constructor(
    readonly g: MpathGroupConfig,
    readonly targets: string[],
    private readonly tables: Map<string, number>,
    private readonly stats: Map<string, PathStats>,
    private readonly io: RunnerIo,
  ) {
    this.engine = new GroupEngine(engineConfig(g, targets.length > 0));
    this.interval_ms = probeIntervalMs(g);
  }

  /** Link states read at start (null: unknown), then probes at the configured spacing. */
  start(carrier: (member: string) => boolean | null): void {
    this.relink(carrier);
    this.startProbers(probeIntervalMs(this.g));
  }

  /** Each member's link as the kernel says now (at start, and after notifications were lost). */
  relink(carrier: (member: string) => boolean | null): void {
    for (const member of this.g.members) {
      const up = carrier(member);
      if (up !== null) this.link(member, up, this.io.clock.now());
    }
  }

  /** A kernel link notification; members of other groups are ignored. */
  link(member: string, up: boolean, t: number): void {
    if (!this.g.members.includes(member)) return;
    this.handle(this.engine.step({ type: "link", member, up, t }));
  }

  /** Once a second: the engine's timers, then the probe spacing. */
  tick(): void {
    this.handle(this.engine.step({ type: "tick", t: this.io.clock.now() }));
    this.adaptDetection();
  }

  probeCount(): number {
    return this.probers.length;
  }

  status(): GroupStatusEntry {
    return {
      ...this.engine.status(),
      failure_detection_ms: this.g.failure_detection_ms,
      probe_interval_ms: this.interval_ms,
      targets: this.targets,
    };
  }

  stopProbes(): void {
    for (const p of this.probers) p.stop();
    this.probers = [];
  }

  /** Resolves when every move decided so far has been made and checked. */
  settled(): Promise<void> {
    return this.chain;
  }

  private handle(actions: Action[]): void {
    for (const a of actions) {
      if (a.type === "event") {
        this.io.emit({
          t_ms: a.t,
          kind: a.kind,
          severity: a.severity,
          subject: a.subject,
          detail: a.detail,
          data: { group: this.g.name },
        });
        continue;
      }
      // Moves of one group run one after another, in the order decided.
      this.chain = this.chain.then(() => this.move(a));
    }
    this.io.statusChanged(actions.length > 0);
  }

  private async move(a: MoveAction): Promise<void> {
    const { io, g } = this;
    const dryRun = io.dryRun;
    const started = io.clock.now();
    const res = await io.move(a, {
      table: this.tables.get(a.address) ?? 1000,
      announceCount: g.announce_count,
    });
    io.moved?.(g.name, a.reason, res.ok);
    io.emit({
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
        group: g.name,
        from: a.from,
        to: a.to,
        decided_ms: a.t,
        started_ms: started,
        steps_ms: res.steps,
        commands: res.commands,
        announced: res.announced,
      },
    });
    const target = this.targets[0];
    if (dryRun || !res.ok || target === undefined) return;
    const v = await io.verify(a.address, a.to, target);
    const announce = res.announced ? "the announcement left" : "no announcement was sent";
    io.emit({
      t_ms: io.clock.now(),
      kind: v.ok && res.announced ? "failover-verified" : "failover-unverified",
      severity: v.ok && res.announced ? "info" : "warning",
      subject: a.address,
      detail: `${announce} ${a.to}; ${v.reason}`,
      data: { group: g.name, to: a.to },
    });
    io.statusChanged(true);
  }

  private startProbers(ms: number): void {
    this.stopProbes();
    this.interval_ms = ms;
    for (const member of this.g.members) {
      for (const target of this.targets) {
        const key = `${member}>${target}`;
        const s = this.stats.get(key) ?? newPathStats(member, target);
        this.stats.set(key, s);
        // in.mpathd spaces probes at 0.5-1.0 x the interval at random so that hosts do not
        // probe in step; ping keeps one spacing, so each path draws its own once.
        const spacing = this.g.probe_jitter
          ? Math.max(10, Math.round(ms * (0.5 + this.io.random() * 0.5)))
          : ms;
        const p = this.io.probe(member, target, spacing, {
          result: (r) => {
            recordProbe(s, r.ok, r.rtt_ms);
            this.handle(this.engine.step({ type: "probe", member, ok: r.ok, t: r.t_ms }));
          },
          problem: (msg) => this.io.problem(msg),
        });
        this.probers.push(p);
      }
    }
  }

  /**
   * in.mpathd: when the targets answer slower than the probe spacing allows, the failure
   * detection time grows (up to 10 x the configured one), and shrinks back once they are fast.
   */
  private adaptDetection(): void {
    const base = probeIntervalMs(this.g);
    const now = this.interval_ms;
    const worst = worstRtt(
      [...this.stats.values()].filter((p) => this.g.members.includes(p.member)),
    );
    if (worst === null) return;
    const next = nextProbeInterval(base, now, worst);
    if (next === now) return;
    const name = this.g.name;
    this.io.emit({
      t_ms: this.io.clock.now(),
      kind: next > now ? "detection-time-increased" : "detection-time-restored",
      severity: next > now ? "warning" : "info",
      subject: name,
      detail: `${name}: targets answer in up to ${worst.toFixed(0)} ms; failure detection time ${(now * 7).toFixed(0)} -> ${(next * 7).toFixed(0)} ms`,
      data: { group: name, probe_interval_ms: next, worst_rtt_ms: worst },
    });
    this.startProbers(next);
  }
}
