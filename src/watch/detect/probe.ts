// Paths (member interface -> target): probe-loss after N lost probes in a row, probe-recovered
// after M answered, rtt-spike against an adaptive estimate (in.mpathd's avg + 4 x deviation),
// and tx-stall: receive still alive on the member while its probes die (incident 004).
import { type ProbeResult, pathSubject, type WatchEvent } from "../types.js";
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
  srtt: number | null;
  rttvar: number;
  /** Receive packet counter of the member when the path failed (for tx-stall). */
  rxAtFailure: number | null;
  txStall: boolean;
  spiking: boolean;
}

export class ProbeDetector {
  private readonly paths = new Map<string, PathState>();

  constructor(
    private readonly ctx: EventContext,
    private readonly cfg: DetectorConfig,
    private readonly rxPackets: (ifname: string) => number | undefined,
  ) {}

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
        srtt: null,
        rttvar: 0,
        rxAtFailure: null,
        txStall: false,
        spiking: false,
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
    p.rxAtFailure = this.rxPackets(p.ifname) ?? null;
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
    if (r.rtt_ms !== null) out.push(...this.rtt(p, r, key));
    if (p.failed && p.okInRow >= this.cfg.probeRecoverCount) {
      const down = r.t_ms - (p.failed_ms ?? r.t_ms);
      p.failed = false;
      p.failed_ms = null;
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
    if (p.srtt === null) {
      p.srtt = rtt;
      p.rttvar = rtt / 2;
      return [];
    }
    const limit = p.srtt + 4 * p.rttvar;
    const spike = rtt > limit && rtt > this.cfg.rttSpikeFloorMs;
    // RFC 6298 smoothing, as in.mpathd does for its probe timeout.
    p.rttvar = 0.75 * p.rttvar + 0.25 * Math.abs(p.srtt - rtt);
    p.srtt = 0.875 * p.srtt + 0.125 * rtt;
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

  /** Called with every sample: a failed path whose member still receives is a tx-stall. */
  checkTxStall(
    ifname: string,
    t_ms: number,
    carrier: boolean | null,
    txPps: number | null,
  ): WatchEvent[] {
    const out: WatchEvent[] = [];
    const rx = this.rxPackets(ifname);
    for (const p of this.paths.values()) {
      if (p.ifname !== ifname || !p.failed || p.txStall || carrier !== true) continue;
      if (rx === undefined || p.rxAtFailure === null) continue;
      const arrived = rx - p.rxAtFailure;
      if (arrived < this.cfg.txStallRxFrames) continue;
      p.txStall = true;
      const tx = txPps === null ? "" : `; transmit runs at ${txPps.toFixed(0)} packets/s`;
      out.push(
        makeEvent(
          this.ctx,
          t_ms,
          "tx-stall",
          "critical",
          ifname,
          `${ifname} still receives (${arrived} frames since probes to ${p.target} failed) but gets no answers: the transmit path is dead while carrier is up${tx}`,
          { ifname, data: { target: p.target, rx_frames_since_failure: arrived, tx_pps: txPps } },
        ),
      );
    }
    return out;
  }
}
