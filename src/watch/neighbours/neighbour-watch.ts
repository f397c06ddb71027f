// Who is on the other end of each watched member, live: one listener per member feeds the
// neighbour table; its events go to the watcher, its contents to the doctor's state file
// (run/linkguard/neighbours.jsonl), to the store's `neighbours` table (store-sync.ts) and to
// the metrics. The clock and the listeners are passed in, so this wiring is tested without
// tcpdump.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { WatchEvent } from "../../events/types.js";
import { renderNeighboursJsonl } from "../../host/parse/neighbours-jsonl.js";
import { type HeardNeighbour, NeighbourDetector } from "../detect/neighbours.js";
import type { ListenerCallbacks } from "./listener.js";
import { type NeighbourStoreSink, NeighbourStoreSync } from "./store-sync.js";

export interface Listening {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface NeighbourWatchDeps {
  host: string;
  members: readonly string[];
  listen(ifname: string, cb: ListenerCallbacks): Listening;
  /** The member's carrier now (an expiry on a down link is not news). */
  linkUp(ifname: string): boolean;
  raise(events: WatchEvent[]): void;
  problem(message: string): void;
  /** The table changed: newest neighbour per member and protocol. */
  changed?(list: readonly HeardNeighbour[]): void;
  heard?(n: HeardNeighbour): void;
  /** Where to keep the table for the doctor; null: nowhere. */
  stateFile: string | null;
  /** The watcher's store, which keeps the table too (and its history); null: none. */
  store?: NeighbourStoreSink | null;
  /** Refresh a stored neighbour at most this often (default 60 s, see store-sync.ts). */
  storeRefreshMs?: number;
  now?: () => number;
  /** How often TTLs are checked (default 1000 ms). */
  expireEveryMs?: number;
}

export class NeighbourWatch {
  readonly table: NeighbourDetector;
  private readonly listeners: Listening[] = [];
  private timer: NodeJS.Timeout | null = null;
  private written = "";
  private failing = false;
  private readonly stored: NeighbourStoreSync | null;

  constructor(private readonly d: NeighbourWatchDeps) {
    this.table = new NeighbourDetector({ host: d.host });
    this.stored = d.store ? new NeighbourStoreSync(d.store, d.storeRefreshMs) : null;
  }

  get members(): readonly string[] {
    return this.d.members;
  }

  async start(): Promise<void> {
    this.stored?.start((this.d.now ?? Date.now)());
    for (const ifname of this.d.members) {
      const l = this.d.listen(ifname, {
        heard: (n) => this.heard(n),
        problem: (m) => this.d.problem(m),
      });
      this.listeners.push(l);
      await l.start();
    }
    this.save();
    this.timer = setInterval(() => this.tick(), this.d.expireEveryMs ?? 1000);
    this.timer.unref();
  }

  heard(n: HeardNeighbour): void {
    const events = this.table.heard(n);
    this.d.heard?.(n);
    if (events.length > 0) this.d.raise(events);
    this.d.changed?.(this.table.current());
    this.save();
    this.stored?.sync(this.table.current(), n.heardMs);
  }

  tick(now: number = (this.d.now ?? Date.now)()): void {
    const before = this.table.current().length;
    const events = this.table.expire(now, (ifname) => this.d.linkUp(ifname));
    if (events.length > 0) this.d.raise(events);
    if (this.table.current().length !== before) {
      this.d.changed?.(this.table.current());
      this.save();
      this.stored?.sync(this.table.current(), now);
    }
  }

  /** Writes the state file when its text changed (a temporary file renamed over it). */
  private save(): void {
    const file = this.d.stateFile;
    if (file === null) return;
    const text = renderNeighboursJsonl(this.table.current());
    if (text === this.written) return;
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
      writeFileSync(`${file}.tmp`, text, { mode: 0o644 });
      renameSync(`${file}.tmp`, file);
      this.written = text;
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.d.problem(`neighbour table ${file}: ${(err as Error).message}`);
      this.failing = true;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.listeners.map((l) => l.stop()));
  }
}
