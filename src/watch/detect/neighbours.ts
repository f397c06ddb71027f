// The neighbour table: the newest LLDP/CDP neighbour heard on each watched member (one per
// protocol), kept until its TTL runs out. Raises `neighbour-changed` when a member is heard
// from another switch or port than before (a re-cabled member, a swapped switch port), and
// `neighbour-lost` when the TTL ran out while the link stayed up (the switch stopped
// talking). No I/O and no clock: the caller passes the time.

import { neighbourLabel } from "../../host/neighbour.js";
import type { NeighbourRecord } from "../../host/parse/neighbours-jsonl.js";
import type { WatchEvent } from "../types.js";
import { type EventContext, makeEvent } from "./event.js";

export type HeardNeighbour = NeighbourRecord;

/** IEEE 802.1AB-2016 8.5.4: a TTL of 0 asks to forget the sender now (a port shutting down). */
const DEFAULT_TTL_S = 120;

const key = (n: { ifname: string; protocol: string }) => `${n.ifname}\0${n.protocol}`;
const identity = (n: HeardNeighbour) => `${n.chassisId ?? n.systemName ?? ""}\0${n.portId ?? ""}`;
const label = (n: HeardNeighbour) => neighbourLabel(n);

function facts(n: HeardNeighbour): Record<string, unknown> {
  return {
    protocol: n.protocol,
    chassis_id: n.chassisId,
    system_name: n.systemName,
    port_id: n.portId,
    vlan: n.vlan,
    management: n.managementAddresses,
  };
}

export class NeighbourDetector {
  /** Live neighbours, by member and protocol. */
  private readonly live = new Map<string, HeardNeighbour>();
  /** The last neighbour ever heard, by member and protocol (survives expiry). */
  private readonly last = new Map<string, HeardNeighbour>();

  constructor(private readonly ctx: EventContext) {}

  /** A frame was heard at `n.heardMs`. */
  heard(n: HeardNeighbour): WatchEvent[] {
    const k = key(n);
    const before = this.last.get(k);
    this.last.set(k, n);
    if (n.ttl === 0) {
      this.live.delete(k);
      return [];
    }
    this.live.set(k, n);
    if (before === undefined || identity(before) === identity(n)) return [];
    return [
      makeEvent(
        this.ctx,
        n.heardMs,
        "neighbour-changed",
        "warning",
        n.ifname,
        `${n.ifname} is now on ${label(n)} (was ${label(before)}, ${n.protocol.toUpperCase()})`,
        { ifname: n.ifname, data: { ...facts(n), was: facts(before) } },
      ),
    ];
  }

  /**
   * Forget neighbours whose TTL ran out by `now`. `linkUp(ifname)`: the member's carrier; only
   * an expiry on a member whose link is up is news (a link-down explains its own silence).
   */
  expire(now: number, linkUp: (ifname: string) => boolean): WatchEvent[] {
    const out: WatchEvent[] = [];
    for (const [k, n] of this.live) {
      const ttl = n.ttl ?? DEFAULT_TTL_S;
      const deadline = n.heardMs + ttl * 1000;
      if (deadline > now) continue;
      this.live.delete(k);
      if (!linkUp(n.ifname)) continue;
      out.push(
        makeEvent(
          this.ctx,
          deadline,
          "neighbour-lost",
          "warning",
          n.ifname,
          `${label(n)} stopped sending ${n.protocol.toUpperCase()} to ${n.ifname} (nothing for its TTL of ${ttl} s) while the link is up`,
          { ifname: n.ifname, data: { ...facts(n), ttl_s: ttl, last_heard_ms: n.heardMs } },
        ),
      );
    }
    return out;
  }

  /** Live neighbours, ordered by member then protocol. */
  current(): HeardNeighbour[] {
    return [...this.live.values()].sort(
      (a, b) => a.ifname.localeCompare(b.ifname) || a.protocol.localeCompare(b.protocol),
    );
  }

  /** The live neighbour of a member: LLDP before CDP. */
  of(ifname: string): HeardNeighbour | undefined {
    return (
      this.live.get(key({ ifname, protocol: "lldp" })) ??
      this.live.get(key({ ifname, protocol: "cdp" }))
    );
  }
}
