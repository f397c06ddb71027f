// JSON lines to standard output or appended to a file. Writes go through fs.write (the libuv
// thread pool), not process.stdout, whose pipe writes are synchronous on Linux and would stall
// the watcher behind a slow reader.
import { close, open, write } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import type { WatchEvent } from "../../events/types.js";
import { type QueueOptions, queuedSink, type Transport } from "./pump.js";
import type { Sink } from "./sink.js";

export interface JsonlSinkOptions extends QueueOptions {
  /** "-" for standard output, else a file opened for appending (created 0640). */
  path: string;
}

/** The wire form shared by the JSON sinks: an ISO `time` first, then the event's own fields. */
export function eventRecord(event: WatchEvent): Record<string, unknown> {
  const ok = Number.isFinite(event.t_ms) && Math.abs(event.t_ms) <= 8.64e15;
  return { time: ok ? new Date(event.t_ms).toISOString() : null, ...event };
}

/** JSON.stringify that cannot throw: BigInt becomes a string, a cycle "[circular]". */
export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    const seen = new WeakSet<object>();
    return JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === "bigint") return v.toString();
      if (typeof v === "object" && v !== null) {
        if (seen.has(v)) return "[circular]";
        seen.add(v);
      }
      return v;
    });
  }
}

export function renderJsonLine(event: WatchEvent): string {
  return `${safeJson(eventRecord(event))}\n`;
}

export function createJsonlSink(opts: JsonlSinkOptions): Sink {
  const name = opts.path === "-" ? "jsonl:stdout" : `jsonl:${opts.path}`;
  return queuedSink(name, fileTransport(opts.path), { maxBatch: 500, ...opts });
}

function fileTransport(path: string): Transport {
  const stdout = path === "-";
  let fd: number | undefined = stdout ? 1 : undefined;
  let busy: Promise<void> | undefined;
  let brokenLine = false; // a write died mid-line: start the next one on a fresh line

  async function writeBatch(batch: readonly WatchEvent[], signal: AbortSignal): Promise<void> {
    fd ??= await openAppend(path);
    const f = fd;
    const text = (brokenLine ? "\n" : "") + batch.map(renderJsonLine).join("");
    const buf = Buffer.from(text, "utf8");
    let off = 0;
    try {
      while (off < buf.length) {
        try {
          off += await writeSome(f, buf, off);
        } catch (err) {
          // A non-blocking stdout (a TTY, some pipes) says "try again" instead of waiting.
          if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
          await sleep(20, undefined, { signal });
        }
      }
      brokenLine = false;
    } catch (err) {
      if (off > 0) brokenLine = true;
      if (!stdout && fd === f) {
        closeQuietly(f); // reopened by the next batch: the file may have been moved or fixed
        fd = undefined;
      }
      throw err;
    }
  }

  return {
    send(batch, ctx) {
      busy = writeBatch(batch, ctx.signal).finally(() => {
        busy = undefined;
      });
      return busy;
    },
    async close() {
      const f = fd;
      fd = undefined;
      if (stdout || f === undefined) return;
      // Never close an fd a thread-pool write still uses: the number could be reused.
      if (busy) void busy.catch(() => {}).finally(() => closeQuietly(f));
      else closeQuietly(f);
    },
  };
}

function openAppend(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    open(path, "a", 0o640, (err, fd) => (err ? reject(err) : resolve(fd)));
  });
}

function writeSome(fd: number, buf: Buffer, off: number): Promise<number> {
  return new Promise((resolve, reject) => {
    write(fd, buf, off, buf.length - off, null, (err, n) => (err ? reject(err) : resolve(n)));
  });
}

function closeQuietly(fd: number): void {
  close(fd, () => {});
}
