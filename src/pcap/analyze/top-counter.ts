// Packets and bytes per key (a MAC, an address), in bounded memory: past `capacity` distinct
// keys the smallest half is dropped, and the counts become a lower bound (`approximate`).
// Heavy hitters survive pruning, which is what "top talkers" asks for.

export interface Counted {
  key: number;
  packets: number;
  bytes: number;
  /** Text for a key that cannot be turned back into its address (hashed IPv6). */
  label?: string;
}

export class TopCounter {
  private readonly counts = new Map<number, Counted>();
  private readonly capacity: number;
  /** True once a key has been dropped: counts may then be short. */
  approximate = false;

  constructor(capacity = 100_000) {
    this.capacity = capacity;
  }

  /** The entry counted last: frames from one sender come in runs (a storm is one long run). */
  private last: Counted | undefined;

  /** Count one packet of `bytes` for `key`; returns its entry. */
  add(key: number, bytes: number): Counted {
    let c = this.last;
    if (c !== undefined && c.key === key) {
      c.packets++;
      c.bytes += bytes;
      return c;
    }
    c = this.counts.get(key);
    if (c !== undefined) {
      c.packets++;
      c.bytes += bytes;
      this.last = c;
      return c;
    }
    c = { key, packets: 1, bytes };
    this.counts.set(key, c);
    this.last = c;
    if (this.counts.size > this.capacity) this.prune();
    return c;
  }

  /** Plain data for another thread; `merge` adds it back. */
  state(): { entries: Counted[]; approximate: boolean } {
    return { entries: [...this.counts.values()], approximate: this.approximate };
  }

  merge(state: { entries: readonly Counted[]; approximate: boolean }): void {
    for (const e of state.entries) {
      const c = this.counts.get(e.key);
      if (c === undefined) this.counts.set(e.key, { ...e });
      else {
        c.packets += e.packets;
        c.bytes += e.bytes;
        if (c.label === undefined && e.label !== undefined) c.label = e.label;
      }
    }
    if (state.approximate) this.approximate = true;
    if (this.counts.size > this.capacity) this.prune();
  }

  get size(): number {
    return this.counts.size;
  }

  top(n: number): Counted[] {
    return [...this.counts.values()]
      .sort((a, b) => b.packets - a.packets || b.bytes - a.bytes || a.key - b.key)
      .slice(0, n);
  }

  private prune(): void {
    const keep = this.top(this.capacity >> 1);
    this.last = undefined;
    this.counts.clear();
    for (const c of keep) this.counts.set(c.key, c);
    this.approximate = true;
  }
}
