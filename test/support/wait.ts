// Bounded waiting for tests: every wait has a time limit and says what it waited for.
import type { Readable } from "node:stream";
import type { WatchEvent } from "../../src/events/types.js";

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `f` until it returns something other than undefined (or a resolved non-undefined). */
export async function until<T>(
  what: string,
  ms: number,
  f: () => T | undefined | Promise<T | undefined>,
): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await f();
    if (v !== undefined) return v;
    await sleep(50);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

/** `p`, or a rejection naming `what` if it has not settled within `ms`: waits on an event, bounded. */
export async function within<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Appends every JSON line a watcher writes (`--jsonl -`) to `events`. */
export function collectEvents(stream: Readable | null | undefined, events: WatchEvent[]): void {
  let rest = "";
  stream?.on("data", (d: Buffer) => {
    const lines = (rest + d.toString()).split("\n");
    rest = lines.pop() ?? "";
    for (const l of lines) if (l.startsWith("{")) events.push(JSON.parse(l) as WatchEvent);
  });
}
