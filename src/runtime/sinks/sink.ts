// What every sink promises the watcher, and the bounded queue the queued sinks share.
// The watcher must keep sampling while a syslog server, a disk or a webhook is slow or dead:
// write() only enqueues, a background pump does the I/O (see pump.ts).
import type { WatchEvent } from "../../events/types.js";

export interface SinkStats {
  /** Events the receiver accepted (a datagram sent, a frame written, a 2xx answer). */
  sent: number;
  /** Events waiting in the queue or in flight. */
  queued: number;
  /** Events discarded unsent: the queue was full, or the sink was closed first. */
  dropped: number;
  /** Events tried and given up on (write error, refused, retries exhausted). */
  failed: number;
  /** The last error seen, for `linkguard watch` status output; never contains secrets. */
  lastError?: string;
}

export interface Sink {
  /** Stable and secret-free ("syslog-udp:10.0.0.5:514", "webhook:https://hooks.example"). */
  readonly name: string;
  /** Enqueue one event. Never blocks, never throws; a full queue counts a drop. */
  write(event: WatchEvent): void;
  /** Resolves when everything queued is sent or failed, or after timeoutMs; never rejects. */
  flush(timeoutMs: number): Promise<void>;
  /** Stop: abort what is in flight, discard (and count) what is queued, release sockets/files. */
  close(): Promise<void>;
  stats(): SinkStats;
}

/**
 * Which event a full queue gives up.
 * - "drop-newest" (default): the queue keeps the start of a burst. The first link-down of an
 *   incident explains it; the hundredth flap adds little, and the store keeps every event.
 * - "drop-oldest": the queue keeps the most recent state, for dashboards that only show "now".
 */
export type DropPolicy = "drop-newest" | "drop-oldest";

/** A fixed-capacity FIFO (ring buffer: push and shift are O(1)) that counts what it drops. */
export class BoundedQueue<T> {
  readonly capacity: number;
  readonly policy: DropPolicy;
  private readonly slots: Array<T | undefined>;
  private head = 0;
  private size = 0;
  private droppedCount = 0;

  constructor(capacity: number, policy: DropPolicy = "drop-newest") {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`queue capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.policy = policy;
    this.slots = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Items given up because the queue was full (or discarded by clear()). */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Add an item; false when the queue was full and an item (this one or the oldest) was dropped. */
  push(item: T): boolean {
    let kept = true;
    if (this.size === this.capacity) {
      this.droppedCount++;
      if (this.policy === "drop-newest") return false;
      this.shift();
      kept = false;
    }
    this.slots[(this.head + this.size) % this.capacity] = item;
    this.size++;
    return kept;
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.slots[this.head];
    this.slots[this.head] = undefined; // let the event be collected
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    return item;
  }

  /** Remove up to max items from the front, oldest first. */
  take(max: number): T[] {
    const out: T[] = [];
    while (out.length < max && this.size > 0) out.push(this.shift() as T);
    return out;
  }

  /** Discard everything queued, counting it as dropped; returns how many. */
  clear(): number {
    const n = this.size;
    this.take(n);
    this.droppedCount += n;
    return n;
  }
}

/** The event a sink sends about itself after dropping n events, so the receiver sees the gap. */
export function dropNotice(
  sink: string,
  n: number,
  queue: BoundedQueue<unknown>,
  host: string,
  now: number,
): WatchEvent {
  const { capacity, policy, dropped } = queue;
  return {
    t_ms: now,
    kind: "sink-dropped",
    subject: sink,
    severity: "warning",
    detail: `${n} events dropped: sink ${sink} queue full (capacity ${capacity}, ${policy})`,
    data: { sink, dropped: n, dropped_total: dropped, capacity, policy },
    host,
  };
}
