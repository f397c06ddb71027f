// Paths (member interface -> target): probe-loss after N lost probes in a row, probe-recovered
// after M answered, rtt-spike against an adaptive estimate (in.mpathd's avg + 4 x deviation),
// and tx-stall: receive still alive on the member while its probes die (incident 004).

import { type ProbeResult, pathSubject, type WatchEvent } from "../../events/types.js";
import {
  type RttEstimate,
  retransmitTimeout,
  UNBOUNDED,
  updateRtt,
} from "../../lib/rtt-estimator.js";
import type { DetectorConfig } from "./config.js";
import { type EventContext, makeEvent, seconds } from "./event.js";

interface PathState {
  ifname: string;
  target: string;
  lostInRow: number;
  okInRow: number;
  failed: boolean;
  /** When the first probe of the current losing run was lost. */
  firstLost_ms: number | null;
  failed_ms: number | null;
  rtt: RttEstimate | null;
  /** Receive packet counter of the member when the path failed (for tx-stall). */
  rxAtFailure: number | null;
  txAtFailure: number | null;
  txStall: boolean;
  spiking: boolean;
  /** When the path last recovered: late answers to probes sent before it are not spikes. */
  recovered_ms: number;
}

export class ProbeDetector {
  private readonly paths = new Map<string, PathState>();

  constructor(
    private readonly ctx: EventContext,
    private readonly cfg: DetectorConfig,
    private readonly counters: (ifname: string) => { rx: number; tx: number } | undefined,
    private readonly carrierUp: (ifname: string) => boolean,
  ) {}

  /** Carrier changed on a member: its current failures are not transmit stalls. */
  linkChanged(ifname: string): void {
    for (const p of this.paths.values()) if (p.ifname === ifname) p.rxAtFailure = null;
  }

  failedPaths(): { ifname: string; target: string; since_ms: number }[] {
    return [...this.paths.values()]
      .filter((p) => p.failed)
      .map((p) => ({ ifname: p.ifname, target: p.target, since_ms: p.failed_ms ?? 0 }));
  }

  observe(r: ProbeResult): WatchEvent[] {
    const key = pathSubject(r.ifname, r.target);
    let p = this.paths.get(key);
    if (!p) {
      p = {
        ifname: r.ifname,
        target: r.target,
        lostInRow: 0,
        okInRow: 0,
        failed: false,
        firstLost_ms: null,
        failed_ms: null,
        rtt: null,
        rxAtFailure: null,
        txAtFailure: null,
        txStall: false,
        spiking: false,
        recovered_ms: 0,
      };
      this.paths.set(key, p);
    }
    return r.ok ? this.answered(p, r, key) : this.lost(p, r, key);
  }

  private lost(p: PathState, r: ProbeResult, key: string): WatchEvent[] {
    p.okInRow = 0;
    p.lostInRow += 1;
    p.firstLost_ms ??= r.t_ms;
    if (p.failed || p.lostInRow < this.cfg.probeLossCount) return [];
    p.failed = true;
    p.failed_ms = r.t_ms;
    // A tx-stall needs carrier up through the whole failure; a link change rules it out.
    p.rxAtFailure = this.carrierUp(p.ifname) ? (this.counters(p.ifname)?.rx ?? null) : null;
    p.txAtFailure = this.counters(p.ifname)?.tx ?? null;
    p.txStall = false;
    return [
      makeEvent(
        this.ctx,
        r.t_ms,
        "probe-loss",
        "critical",
        key,
        `${r.kind} probes via ${p.ifname} to ${p.target}: ${p.lostInRow} lost in a row`,
        {
          ifname: p.ifname,
          data: {
            target: p.target,
            probe: r.kind,
            lost: p.lostInRow,
            first_lost_ms: p.firstLost_ms,
          },
        },
      ),
    ];
  }

  private answered(p: PathState, r: ProbeResult, key: string): WatchEvent[] {
    const out: WatchEvent[] = [];
    p.lostInRow = 0;
    p.firstLost_ms = null;
    p.okInRow += 1;
    // The first answers after a failure wait for ARP: not a spike, part of the recovery.
    const sentBeforeRecovery = r.rtt_ms !== null && r.t_ms - r.rtt_ms < p.recovered_ms;
    if (r.rtt_ms !== null && !p.failed && !sentBeforeRecovery) out.push(...this.rtt(p, r, key));
    if (p.failed && p.okInRow >= this.cfg.probeRecoverCount) {
      const down = r.t_ms - (p.failed_ms ?? r.t_ms);
      p.failed = false;
      p.failed_ms = null;
      p.recovered_ms = r.t_ms;
      p.rxAtFailure = null;
      out.push(
        makeEvent(
          this.ctx,
          r.t_ms,
          "probe-recovered",
          "info",
          key,
          `probes via ${p.ifname} to ${p.target} answered again after ${seconds(down)}`,
          {
            ifname: p.ifname,
            data: { target: p.target, probe: r.kind, down_ms: down },
          },
        ),
      );
    }
    return out;
  }

  private rtt(p: PathState, r: ProbeResult, key: string): WatchEvent[] {
    const rtt = r.rtt_ms as number;
    const before = p.rtt;
    // RFC 6298 smoothing, as in.mpathd does for its probe timeout.
    p.rtt = updateRtt(before, rtt);
    if (before === null) return [];
    // A spike: longer than the timeout the earlier round trips imply (SRTT + 4 x RTTVAR).
    const limit = retransmitTimeout(before, UNBOUNDED);
    const spike = rtt > limit && rtt > this.cfg.rttSpikeFloorMs;
    if (spike && !p.spiking) {
      p.spiking = true;
      return [
        makeEvent(
          this.ctx,
          r.t_ms,
          "rtt-spike",
          "warning",
          key,
          `round trip via ${p.ifname} to ${p.target} is ${rtt.toFixed(1)} ms (expected under ${limit.toFixed(1)} ms)`,
          {
            ifname: p.ifname,
            data: { target: p.target, rtt_ms: rtt, limit_ms: limit },
          },
        ),
      ];
    }
    if (!spike) p.spiking = false;
    return [];
  }

  /**
   * Called with every sample. Incident 004's signature: a failed path whose member still
   * receives (frames keep arriving) while its transmit counter freezes (our own probes do not
   * leave) or races (a dataplane repeating one frame). A path that fails with normal transmit
   * counters is a path problem, not a tx-stall.
   */
  checkTxStall(
    ifname: string,
    t_ms: number,
    carrier: boolean | null,
    txPps: number | null,
  ): WatchEvent[] {
    const out: WatchEvent[] = [];
    const now = this.counters(ifname);
    for (const p of this.paths.values()) {
      if (p.ifname !== ifname || !p.failed || p.txStall || carrier !== true) continue;
      if (now === undefined || p.rxAtFailure === null || p.txAtFailure === null) continue;
      const arrived = now.rx - p.rxAtFailure;
      const sent = now.tx - p.txAtFailure;
      const frozen = sent === 0 && t_ms - (p.failed_ms ?? t_ms) >= 1000;
      const racing = txPps !== null && txPps >= this.cfg.stormMinPps;
      if (arrived < this.cfg.txStallRxFrames || !(frozen || racing)) continue;
      p.txStall = true;
      const how = frozen
        ? "its transmit counter stands still"
        : `its transmit counter races at ${txPps?.toFixed(0)} packets/s`;
      out.push(
        makeEvent(
          this.ctx,
          t_ms,
          "tx-stall",
          "critical",
          ifname,
          `${ifname} still receives (${arrived} frames since probes to ${p.target} failed) but ${how}: the transmit path is dead while carrier is up`,
          {
            ifname,
            data: {
              target: p.target,
              rx_frames_since_failure: arrived,
              tx_frames_since_failure: sent,
              tx_pps: txPps,
            },
          },
        ),
      );
    }
    return out;
  }
}
