// Addresses: a local address that leaves one interface and appears on another (address-moved),
// and a probed address answered by more than one MAC (address-conflict: a DSR real server
// answering ARP for the VIP, or a duplicate address) or by a new MAC (the far side failed over).
import type { WatchEvent } from "../../events/types.js";
import { type EventContext, makeEvent } from "./event.js";

const MOVE_WINDOW_MS = 10_000;
const CONFLICT_WINDOW_MS = 5_000;

interface Seen {
  mac: string;
  t_ms: number;
}

export class AddressDetector {
  private readonly removed = new Map<string, { ifname: string; t_ms: number }>();
  private readonly replies = new Map<string, Seen[]>();
  private readonly conflicted = new Set<string>();

  constructor(private readonly ctx: EventContext) {}

  /** A local address added to or deleted from an interface (kernel notification). */
  local(t_ms: number, ifname: string, address: string, deleted: boolean): WatchEvent[] {
    if (deleted) {
      this.removed.set(address, { ifname, t_ms });
      return [];
    }
    const gone = this.removed.get(address);
    this.removed.delete(address);
    if (!gone || gone.ifname === ifname || t_ms - gone.t_ms > MOVE_WINDOW_MS) return [];
    return [
      makeEvent(
        this.ctx,
        t_ms,
        "address-moved",
        "warning",
        address,
        `${address} moved from ${gone.ifname} to ${ifname}`,
        {
          ifname,
          data: { address, from: gone.ifname, to: ifname },
        },
      ),
    ];
  }

  /**
   * An ARP reply for a probed target, with the MAC that sent it. Replies that alternate
   * between MACs are a conflict; one change that sticks is the far side failing over.
   */
  arpReply(t_ms: number, ifname: string, target: string, mac: string): WatchEvent[] {
    const key = `${ifname}>${target}`;
    const seen = (this.replies.get(key) ?? []).filter((s) => t_ms - s.t_ms <= CONFLICT_WINDOW_MS);
    seen.push({ mac, t_ms });
    this.replies.set(key, seen);
    let changes = 0;
    for (let i = 1; i < seen.length; i++) if (seen[i]?.mac !== seen[i - 1]?.mac) changes++;
    const macs = [...new Set(seen.map((s) => s.mac))];
    if (changes >= 2 && !this.conflicted.has(key)) {
      this.conflicted.add(key);
      return [
        makeEvent(
          this.ctx,
          t_ms,
          "address-conflict",
          "critical",
          target,
          `${target} is answered by ${macs.length} MACs (${macs.join(", ")}) on ${ifname}`,
          {
            ifname,
            data: { target, macs },
          },
        ),
      ];
    }
    const tail = seen.slice(-3);
    const settled = tail.length === 3 && tail.every((s) => s.mac === mac);
    if (settled && changes === 1 && !this.conflicted.has(key) && seen[0]?.mac !== mac) {
      const was = seen[0]?.mac ?? "?";
      this.replies.set(key, tail);
      return [
        makeEvent(
          this.ctx,
          t_ms,
          "address-moved",
          "warning",
          target,
          `${target} now answers from ${mac} (was ${was}) on ${ifname}`,
          {
            ifname,
            data: { address: target, from_mac: was, to_mac: mac },
          },
        ),
      ];
    }
    if (settled && changes === 0) this.conflicted.delete(key);
    return [];
  }
}
