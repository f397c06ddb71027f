// Groups events into incidents. An incident opens with the first warning or critical event,
// gathers what follows while anything is still failing, and closes once every failed subject
// has recovered and nothing new happened for `quietMs`. Pure: time comes in with the events.
import type { Incident, WatchEvent } from "../../events/types.js";
import { type Cabling, explainIncident } from "./explain.js";

export interface CorrelatorConfig {
  /** Quiet time after the last recovery before an incident closes. */
  quietMs: number;
}

export const DEFAULT_CORRELATOR_CONFIG: CorrelatorConfig = { quietMs: 30_000 };

/** Events that leave something failed until a matching recovery arrives. */
const RECOVERED_BY: Partial<Record<WatchEvent["kind"], WatchEvent["kind"]>> = {
  "link-down": "link-up",
  "probe-loss": "probe-recovered",
};

const OWN_EVENTS = new Set<WatchEvent["kind"]>([
  "watcher-started",
  "watcher-stopped",
  "sink-dropped",
  "capture-failed",
]);

export class Correlator {
  private open: {
    incident: Incident;
    events: WatchEvent[];
    failing: Set<string>;
    last_ms: number;
  } | null = null;
  private cabling: Cabling = () => undefined;

  constructor(
    private readonly host: string,
    private readonly cfg: CorrelatorConfig = DEFAULT_CORRELATOR_CONFIG,
    private nextId = 1,
  ) {}

  /** Adds a stored event (with its id); returns the incident it joined, if any. */
  observe(e: WatchEvent): Incident | null {
    // The watcher's own life is not part of any network incident.
    if (OWN_EVENTS.has(e.kind)) return null;
    const problem = e.severity !== "info";
    if (!this.open) {
      if (!problem) return null;
      this.open = {
        incident: {
          id: this.nextId++,
          opened_ms: e.t_ms,
          closed_ms: null,
          severity: e.severity,
          title: "",
          explanation: "",
          subjects: [],
          event_ids: [],
          captures: [],
          host: this.host,
        },
        events: [],
        failing: new Set(),
        last_ms: e.t_ms,
      };
    }
    const o = this.open;
    o.events.push(e);
    o.last_ms = e.t_ms;
    if (e.id !== undefined) o.incident.event_ids.push(e.id);
    if (!o.incident.subjects.includes(e.subject)) o.incident.subjects.push(e.subject);
    if (e.severity === "critical") o.incident.severity = "critical";
    if (RECOVERED_BY[e.kind]) o.failing.add(`${e.subject}`);
    for (const [bad, good] of Object.entries(RECOVERED_BY)) {
      if (good === e.kind && bad) o.failing.delete(e.subject);
    }
    Object.assign(o.incident, explainIncident(o.events, this.cabling));
    e.incident_id = o.incident.id;
    return o.incident;
  }

  /** Closes the open incident when it is over; returns it once, when it closes. */
  tick(now_ms: number): Incident | null {
    const o = this.open;
    if (!o || o.failing.size > 0 || now_ms - o.last_ms < this.cfg.quietMs) return null;
    o.incident.closed_ms = now_ms;
    this.open = null;
    return o.incident;
  }

  /** Incident texts say where each member is cabled (the watcher's LLDP/CDP neighbours). */
  cabledBy(cabling: Cabling): void {
    this.cabling = cabling;
  }

  /** Continue numbering after the incidents a store already holds. */
  continueAt(nextId: number): void {
    this.nextId = nextId;
  }

  current(): Incident | null {
    return this.open?.incident ?? null;
  }

  /** Subjects still failing in the open incident (for status and metrics). */
  failing(): string[] {
    return [...(this.open?.failing ?? [])];
  }
}
