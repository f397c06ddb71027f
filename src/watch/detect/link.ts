// Link state per interface: link-down / link-up on carrier changes (from kernel notifications
// or the sampler, whichever sees it first), carrier-flap, and interfaces coming and going.
import type { WatchEvent } from "../../events/types.js";
import type { DetectorConfig } from "./config.js";
import { type EventContext, makeEvent, seconds } from "./event.js";

export interface LinkObservation {
  t_ms: number;
  ifname: string;
  carrier: boolean | null;
  operstate: string;
  deleted?: boolean;
  /** Where it came from, kept in the event for the record. */
  source: "netlink" | "sysfs";
}

interface LinkState {
  carrier: boolean | null;
  operstate: string;
  since_ms: number;
  changes: number[];
  flapping: boolean;
}

export class LinkDetector {
  private readonly links = new Map<string, LinkState>();
  private ready = false;

  constructor(
    private readonly ctx: EventContext,
    private readonly cfg: DetectorConfig,
  ) {}

  /** After the first full sample: interfaces seen from now on are new (interface-added). */
  markReady(): void {
    this.ready = true;
  }

  carrierOf(ifname: string): boolean | null | undefined {
    return this.links.get(ifname)?.carrier;
  }

  /** Seconds in the current operstate, the incident-004 script's "age". */
  stateAge(ifname: string, now: number): number | null {
    const s = this.links.get(ifname);
    return s ? (now - s.since_ms) / 1000 : null;
  }

  observe(o: LinkObservation): WatchEvent[] {
    const prev = this.links.get(o.ifname);
    if (o.deleted) {
      if (!prev) return [];
      this.links.delete(o.ifname);
      return [this.event(o, "interface-removed", "info", `${o.ifname} was removed`)];
    }
    if (!prev) {
      this.links.set(o.ifname, {
        carrier: o.carrier,
        operstate: o.operstate,
        since_ms: o.t_ms,
        changes: [],
        flapping: false,
      });
      if (!this.ready) return [];
      return [
        this.event(
          o,
          "interface-added",
          "info",
          `${o.ifname} appeared (carrier ${word(o.carrier)})`,
        ),
      ];
    }
    if (prev.operstate !== o.operstate) {
      prev.operstate = o.operstate;
      prev.since_ms = o.t_ms;
    }
    if (o.carrier === null || prev.carrier === o.carrier) return [];
    const was = prev.carrier;
    prev.carrier = o.carrier;
    prev.since_ms = o.t_ms;
    prev.changes = prev.changes.filter((t) => o.t_ms - t <= this.cfg.flapWindowMs);
    prev.changes.push(o.t_ms);
    const out: WatchEvent[] = [
      o.carrier
        ? this.event(
            o,
            "link-up",
            "info",
            `${o.ifname} has carrier again (operstate ${o.operstate})`,
          )
        : this.event(
            o,
            "link-down",
            "critical",
            `${o.ifname} lost carrier (operstate ${o.operstate})`,
          ),
    ];
    if (was === null) return out;
    if (!prev.flapping && prev.changes.length >= this.cfg.flapCount) {
      prev.flapping = true;
      out.push(
        this.event(
          o,
          "carrier-flap",
          "warning",
          `${o.ifname} changed carrier ${prev.changes.length} times in ${seconds(o.t_ms - (prev.changes[0] ?? o.t_ms))}`,
          { changes: prev.changes.length },
        ),
      );
    } else if (prev.flapping && prev.changes.length < this.cfg.flapCount) {
      prev.flapping = false;
    }
    return out;
  }

  private event(
    o: LinkObservation,
    kind: WatchEvent["kind"],
    severity: WatchEvent["severity"],
    detail: string,
    data: Record<string, unknown> = {},
  ): WatchEvent {
    return makeEvent(this.ctx, o.t_ms, kind, severity, o.ifname, detail, {
      ifname: o.ifname,
      data: { ...data, operstate: o.operstate, source: o.source },
    });
  }
}

function word(carrier: boolean | null): string {
  return carrier === null ? "unknown" : carrier ? "up" : "down";
}
