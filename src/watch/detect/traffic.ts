// Traffic per interface from counter rates: traffic-stall (receive drops to zero while carrier
// is up), pps-storm (receive far over its own baseline) and error-burst.
import type { InterfaceRates, WatchEvent } from "../../events/types.js";
import type { DetectorConfig } from "./config.js";
import { type EventContext, makeEvent, seconds } from "./event.js";

interface TrafficState {
  /** Slow moving average of receive packets/s (the baseline a storm is measured against). */
  baselinePps: number | null;
  zeroSince_ms: number | null;
  stalled: boolean;
  storm: boolean;
  errors: boolean;
  /** Error and drop increments of the last second: [t_ms, count]. */
  recentErrors: [number, number][];
}

/** EWMA weight per sample: a baseline that forgets over roughly 50 samples. */
const BASELINE_ALPHA = 0.02;

export class TrafficDetector {
  private readonly state = new Map<string, TrafficState>();

  constructor(
    private readonly ctx: EventContext,
    private readonly cfg: DetectorConfig,
  ) {}

  forget(ifname: string): void {
    this.state.delete(ifname);
  }

  observe(ifname: string, t_ms: number, carrier: boolean | null, r: InterfaceRates): WatchEvent[] {
    let s = this.state.get(ifname);
    if (!s) {
      s = {
        baselinePps: null,
        zeroSince_ms: null,
        stalled: false,
        storm: false,
        errors: false,
        recentErrors: [],
      };
      this.state.set(ifname, s);
    }
    const out: WatchEvent[] = [];
    const ev = (
      kind: WatchEvent["kind"],
      sev: WatchEvent["severity"],
      detail: string,
      data: Record<string, unknown>,
    ) => makeEvent(this.ctx, t_ms, kind, sev, ifname, detail, { ifname, data });

    // traffic-stall: only for an interface that had traffic before, with carrier up.
    if (r.rx_pps === 0 && carrier === true && (s.baselinePps ?? 0) > 0) {
      s.zeroSince_ms ??= t_ms;
      if (!s.stalled && t_ms - s.zeroSince_ms >= this.cfg.stallMs) {
        s.stalled = true;
        out.push(
          ev(
            "traffic-stall",
            "warning",
            `${ifname} has received nothing for ${seconds(t_ms - s.zeroSince_ms)} while carrier is up`,
            {
              since_ms: s.zeroSince_ms,
              baseline_pps: s.baselinePps,
            },
          ),
        );
      }
    } else if (r.rx_pps > 0 || carrier !== true) {
      s.zeroSince_ms = null;
      s.stalled = false;
    }

    const base = s.baselinePps ?? r.rx_pps;
    const stormAt = Math.max(this.cfg.stormMinPps, this.cfg.stormFactor * base);
    if (!s.storm && r.rx_pps > stormAt) {
      s.storm = true;
      out.push(
        ev(
          "pps-storm",
          "warning",
          `${ifname} receives ${r.rx_pps.toFixed(0)} packets/s, over ${stormAt.toFixed(0)} (baseline ${base.toFixed(0)})`,
          {
            rx_pps: r.rx_pps,
            baseline_pps: base,
          },
        ),
      );
    } else if (s.storm && r.rx_pps < stormAt / 2) s.storm = false;
    // A storm must not become the new normal, so the baseline learns only outside storms.
    if (!s.storm)
      s.baselinePps =
        s.baselinePps === null
          ? r.rx_pps
          : s.baselinePps + BASELINE_ALPHA * (r.rx_pps - s.baselinePps);

    // Drops while carrier is down are the outage's echo (queued frames thrown away), not a burst.
    // Counted over the last second, so one drop in a 50 ms sample is not "20 per second".
    const drops = carrier === true ? r.rx_dropped_ps + r.tx_dropped_ps : 0;
    const count = ((r.rx_errors_ps + r.tx_errors_ps + drops) * r.interval_ms) / 1000;
    s.recentErrors = s.recentErrors.filter(([t]) => t_ms - t < 1000);
    if (count > 0) s.recentErrors.push([t_ms, count]);
    const errs = s.recentErrors.reduce((sum, [, n]) => sum + n, 0);
    if (!s.errors && errs > this.cfg.errorBurstPerSecond) {
      s.errors = true;
      out.push(
        ev(
          "error-burst",
          "warning",
          `${ifname} counted ${errs.toFixed(0)} errors+drops in the last second`,
          {
            rx_errors_ps: r.rx_errors_ps,
            tx_errors_ps: r.tx_errors_ps,
            rx_dropped_ps: r.rx_dropped_ps,
            tx_dropped_ps: r.tx_dropped_ps,
          },
        ),
      );
    } else if (s.errors && errs === 0) s.errors = false;
    return out;
  }
}
