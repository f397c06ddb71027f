// Keeps the store's neighbour table (watch/store/neighbours.ts) in step with the watcher's,
// with bounded writes: a neighbour is written when it is new or a fact changed, refreshed
// (last seen, expiry) at most every `refreshMs` of frame time — and at least every half TTL,
// so the stored expiry never runs out while the neighbour is live — and marked expired when
// the table dropped it. LLDP every 30 s with a 120 s TTL costs one row write per member a
// minute. No clock: the caller passes the time.
import type { HeardNeighbour } from "../detect/neighbours.js";

/** The store's side (Store has these). */
export interface NeighbourStoreSink {
  putNeighbour(n: HeardNeighbour): void;
  neighbourGone(n: HeardNeighbour, atMs: number): void;
  resetNeighbours(atMs: number): void;
}

const DEFAULT_REFRESH_MS = 60_000;
/** Fast LLDP (1 s TTL) must not mean a write per frame. */
const MIN_REFRESH_MS = 1_000;

const keyOf = (n: HeardNeighbour) =>
  [n.ifname, n.protocol, n.chassisId ?? n.systemName ?? "", n.portId ?? ""].join("\0");

function factsOf(n: HeardNeighbour): string {
  const { heardMs: _, ...facts } = n;
  return JSON.stringify(facts);
}

export class NeighbourStoreSync {
  private readonly written = new Map<string, { n: HeardNeighbour; facts: string }>();

  constructor(
    private readonly sink: NeighbourStoreSink,
    private readonly refreshMs = DEFAULT_REFRESH_MS,
  ) {}

  /** A new run: what a previous one left live is expired (its listeners are gone). */
  start(now: number): void {
    this.sink.resetNeighbours(now);
  }

  /** The table is now `current` (at `now`): write what is new, changed, due or gone. */
  sync(current: readonly HeardNeighbour[], now: number): number {
    let writes = 0;
    const seen = new Set<string>();
    for (const n of current) {
      const k = keyOf(n);
      seen.add(k);
      const w = this.written.get(k);
      const facts = factsOf(n);
      const every = Math.max(MIN_REFRESH_MS, Math.min(this.refreshMs, (n.ttl ?? 120) * 500));
      if (w !== undefined && w.facts === facts && n.heardMs - w.n.heardMs < every) continue;
      this.sink.putNeighbour(n);
      this.written.set(k, { n, facts });
      writes++;
    }
    for (const [k, w] of this.written) {
      if (seen.has(k)) continue;
      this.sink.neighbourGone(w.n, now);
      this.written.delete(k);
      writes++;
    }
    return writes;
  }
}
