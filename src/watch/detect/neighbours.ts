// The neighbour table: the LLDP/CDP neighbours heard on each watched member, each kept until
// its own TTL runs out (IEEE 802.1AB-2016 9.2.7.7: a port may have several neighbours, each
// aged on its own). Raises `neighbour-changed` when a member is heard from a switch port it
// was not hearing (a re-cabled member, a swapped switch port), once: two switches heard in
// turn on one member (an unmanaged switch in between) do not make an event per frame. Raises
// `neighbour-lost` when the member's last live neighbour of a protocol ran out while the link
// stayed up (the switch stopped talking). No I/O and no clock: the caller passes the time.

import type { WatchEvent } from "../../events/types.js";
import { neighbourLabel } from "../../host/neighbour.js";
import type { NeighbourRecord } from "../../host/parse/neighbours-jsonl.js";
import { type EventContext, makeEvent } from "./event.js";

export type HeardNeighbour = NeighbourRecord;

/** Used when a frame carried no TTL TLV (802.1AB's default msgTxHold x msgTxInterval). */
const DEFAULT_TTL_S = 120;

const memberKey = (n: { ifname: string; protocol: string }) => `${n.ifname}\0${n.protocol}`;
const identity = (n: HeardNeighbour) => `${n.chassisId ?? n.systemName ?? ""}\0${n.portId ?? ""}`;
const label = (n: HeardNeighbour) => neighbourLabel(n);
const deadline = (n: HeardNeighbour) => n.heardMs + (n.ttl ?? DEFAULT_TTL_S) * 1000;

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
  /** Live neighbours by member and protocol, then by identity (chassis + port). */
  private readonly live = new Map<string, Map<string, HeardNeighbour>>();
  /** The newest neighbour ever heard by member and protocol (survives expiry). */
  private readonly last = new Map<string, HeardNeighbour>();

  constructor(private readonly ctx: EventContext) {}

  /** A frame was heard at `n.heardMs`. */
  heard(n: HeardNeighbour): WatchEvent[] {
    const k = memberKey(n);
    const id = identity(n);
    const before = this.last.get(k);
    const here = this.live.get(k) ?? new Map<string, HeardNeighbour>();
    this.live.set(k, here);
    this.last.set(k, n);
    // IEEE 802.1AB-2016 9.2.7.7.1: a TTL of 0 (a port shutting down) removes the neighbour now.
    if (n.ttl === 0) {
      here.delete(id);
      if (here.size === 0) this.live.delete(k);
      return [];
    }
    const known = here.has(id);
    here.set(id, n);
    if (known || before === undefined || identity(before) === id) return [];
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
   * a member left with no live neighbour of the protocol while its link is up is news.
   */
  expire(now: number, linkUp: (ifname: string) => boolean): WatchEvent[] {
    const out: WatchEvent[] = [];
    for (const [k, here] of this.live) {
      const gone = [...here.values()].filter((n) => deadline(n) <= now);
      for (const n of gone) here.delete(identity(n));
      const newest = gone.sort((a, b) => b.heardMs - a.heardMs)[0];
      if (newest === undefined || here.size > 0) continue;
      this.live.delete(k);
      if (!linkUp(newest.ifname)) continue;
      const ttl = newest.ttl ?? DEFAULT_TTL_S;
      out.push(
        makeEvent(
          this.ctx,
          deadline(newest),
          "neighbour-lost",
          "warning",
          newest.ifname,
          `${label(newest)} stopped sending ${newest.protocol.toUpperCase()} to ${newest.ifname} (nothing for its TTL of ${ttl} s) while the link is up`,
          {
            ifname: newest.ifname,
            data: { ...facts(newest), ttl_s: ttl, last_heard_ms: newest.heardMs },
          },
        ),
      );
    }
    return out;
  }

  /** Live neighbours by member, then protocol, newest first. */
  current(): HeardNeighbour[] {
    return [...this.live.values()]
      .flatMap((here) => [...here.values()])
      .sort(
        (a, b) =>
          a.ifname.localeCompare(b.ifname) ||
          a.protocol.localeCompare(b.protocol) ||
          b.heardMs - a.heardMs,
      );
  }

  /** The newest live neighbour of a member: LLDP before CDP. */
  of(ifname: string): HeardNeighbour | undefined {
    const newest = (protocol: string) =>
      [...(this.live.get(memberKey({ ifname, protocol }))?.values() ?? [])].sort(
        (a, b) => b.heardMs - a.heardMs,
      )[0];
    return newest("lldp") ?? newest("cdp");
  }
}
