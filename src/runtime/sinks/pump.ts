// The background half shared by every sink: write() enqueues and returns, one pump per sink
// sends batches through a Transport, so a dead syslog server delays only its own queue.
import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises";
import type { WatchEvent } from "../../events/types.js";
import { BoundedQueue, type DropPolicy, dropNotice, type Sink, type SinkStats } from "./sink.js";

export interface SendContext {
  /** Aborted by close(): stop waiting and give the batch up. */
  readonly signal: AbortSignal;
  /** Record an error that did not end the batch (a refused connect that will be retried). */
  noteError(err: unknown): void;
}

/** The I/O of one sink. Only the pump calls it, one batch at a time. */
export interface Transport {
  /** Deliver a batch in order; resolve when sent, reject when given up (the batch fails). */
  send(batch: readonly WatchEvent[], ctx: SendContext): Promise<void>;
  /** Release sockets and files; called once, by close(). */
  close(): Promise<void>;
}

export interface QueueOptions {
  /** Events held while the receiver is slow; beyond that they are dropped and counted. */
  capacity?: number;
  policy?: DropPolicy;
  /** Events per send() call (a TCP write, a file append); 1 for datagrams and webhooks. */
  maxBatch?: number;
  /** How long close() waits for a send that cannot be aborted (a blocked file write). */
  closeGraceMs?: number;
}

const DEFAULT_QUEUE_CAPACITY = 1000;
/**
 * A pump gives the event loop a turn after this much busy time: a UDP send that completes at
 * once resolves on the microtask queue, so 1000 queued datagrams would starve timers ~30 ms.
 */
const SLICE_MS = 2;
/** Under sustained overload, at most one sink-dropped notice per this interval. */
const NOTICE_INTERVAL_MS = 10_000;

/** A message for lastError: the cause's message too (fetch says only "fetch failed"). */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : "";
  return `${err.message}${cause}`;
}

function raceTimeout(p: Promise<unknown>, ms: number): Promise<unknown> {
  const ac = new AbortController();
  return Promise.race([p, sleep(ms, undefined, { signal: ac.signal }).catch(() => {})]).finally(
    () => ac.abort(),
  );
}

class QueuedSink implements Sink {
  private readonly queue: BoundedQueue<WatchEvent>;
  private readonly maxBatch: number;
  private readonly closeGraceMs: number;
  private readonly abort = new AbortController();
  private sent = 0;
  private failed = 0;
  private inFlight = 0;
  private droppedOutsideQueue = 0; // written after close, or aborted in flight by close
  private lastError: string | undefined;
  private pumping: Promise<void> | undefined;
  private scheduled = false;
  private closing: Promise<void> | undefined;
  private idleWaiters: Array<() => void> = [];
  private lastHost = "";
  private reportedDrops = 0;
  private lastNoticeMs = Date.now();

  constructor(
    readonly name: string,
    private readonly transport: Transport,
    opts: QueueOptions,
  ) {
    this.queue = new BoundedQueue(opts.capacity ?? DEFAULT_QUEUE_CAPACITY, opts.policy);
    this.maxBatch = opts.maxBatch ?? 1;
    this.closeGraceMs = opts.closeGraceMs ?? 1000;
  }

  write(event: WatchEvent): void {
    try {
      if (this.closing) {
        this.droppedOutsideQueue++;
        return;
      }
      this.lastHost = event.host;
      // A copy: the caller may still set id or incident_id on its object.
      this.queue.push({ ...event });
      this.schedule();
    } catch {
      this.droppedOutsideQueue++;
    }
  }

  stats(): SinkStats {
    const s: SinkStats = {
      sent: this.sent,
      queued: this.queue.length + this.inFlight,
      dropped: this.queue.dropped + this.droppedOutsideQueue,
      failed: this.failed,
    };
    if (this.lastError !== undefined) s.lastError = this.lastError;
    return s;
  }

  flush(timeoutMs: number): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.idleWaiters.push(done);
    });
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.queue.clear();
    this.abort.abort(new Error(`sink ${this.name} closed`));
    if (this.pumping) await raceTimeout(this.pumping, this.closeGraceMs);
    await raceTimeout(
      this.transport.close().catch((err) => this.noteError(err)),
      this.closeGraceMs,
    );
    this.wakeIdle();
  }

  private isIdle(): boolean {
    return !this.pumping && !this.scheduled && this.queue.length === 0;
  }

  private wakeIdle(): void {
    for (const done of this.idleWaiters.splice(0)) done();
  }

  private noteError(err: unknown): void {
    this.lastError = describeError(err);
  }

  // setImmediate, not a direct call: no I/O runs on the caller's stack, and a burst of
  // writes in one tick goes out as batches.
  private schedule(): void {
    if (this.pumping || this.scheduled || this.closing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pumping = this.pump().finally(() => {
        this.pumping = undefined;
        if (this.queue.length > 0) this.schedule();
        else this.wakeIdle();
      });
    });
  }

  private async pump(): Promise<void> {
    const ctx: SendContext = { signal: this.abort.signal, noteError: (e) => this.noteError(e) };
    let sliceStart = performance.now();
    for (;;) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
      if (this.abort.signal.aborted) return;
      const notice = this.dueNotice();
      const batch = notice ? [notice] : this.queue.take(this.maxBatch);
      if (batch.length === 0) return;
      const counted = notice ? 0 : batch.length; // notices are not events the caller wrote
      this.inFlight = counted;
      try {
        await this.transport.send(batch, ctx);
        this.sent += counted;
      } catch (err) {
        if (this.abort.signal.aborted) this.droppedOutsideQueue += counted;
        else {
          this.failed += counted;
          this.noteError(err);
        }
      } finally {
        this.inFlight = 0;
      }
    }
  }

  /** A sink-dropped event once the queue drains, or every NOTICE_INTERVAL_MS under overload. */
  private dueNotice(): WatchEvent | undefined {
    const total = this.queue.dropped;
    const n = total - this.reportedDrops;
    const now = Date.now();
    if (n <= 0) return undefined;
    if (this.queue.length > 0 && now - this.lastNoticeMs < NOTICE_INTERVAL_MS) return undefined;
    this.reportedDrops = total;
    this.lastNoticeMs = now;
    return dropNotice(this.name, n, this.queue, this.lastHost, now);
  }
}

/** A Sink whose writes are queued (bounded) and sent by a background pump through transport. */
export function queuedSink(name: string, transport: Transport, opts: QueueOptions = {}): Sink {
  return new QueuedSink(name, transport, opts);
}
