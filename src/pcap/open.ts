// The I/O side of capture reading: a file path or "-" (stdin), gunzipped when it starts 1f 8b.
import { closeSync, createReadStream, openSync, readSync, statSync } from "node:fs";
import { open } from "node:fs/promises";

export interface OpenedCapture {
  chunks: AsyncIterable<Uint8Array>;
  /** Size of the file on disk (undefined for stdin and pipes). */
  size: number | undefined;
  /** Bytes read from the file or stdin so far (compressed bytes for gzip): for progress. */
  bytesRead(): number;
}

/** Large reads: fewer chunks, fewer records straddling two of them. */
const CHUNK = 1 << 20;
const REUSED_CHUNK = 4 << 20;
/** Blocking reads: small enough that a piece is still in this core's cache when it is parsed. */
const BLOCKING_CHUNK = 512 << 10;

export interface OpenOptions {
  /**
   * Read a regular file into two buffers used in turn, the next read running while the
   * current chunk is parsed: no fresh memory per chunk (page faults and GC were a third of the
   * time). A chunk, and every packet's bytes in it, is then only valid until the next chunk is
   * asked for: analyses copy what they keep.
   */
  reuseBuffers?: boolean;
  /**
   * With reuseBuffers: read a regular file with synchronous reads into one buffer, each piece
   * parsed right after it is read, while it is in this core's cache (about an eighth less CPU
   * than reads on the thread pool, measured). Nothing else runs in this thread meanwhile: for
   * the CLI and worker threads, never for a server.
   */
  blocking?: boolean;
}

/** Chunks of the capture at `path` ("-" for stdin), decompressed if gzip; feed them to readCapture. */
export function openCapture(path: string, options: OpenOptions = {}): OpenedCapture {
  let read = 0;
  const count = async function* (
    source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  ): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      read += chunk.length;
      yield chunk;
    }
  };
  if (path === "-")
    return { chunks: maybeGunzip(count(process.stdin)), size: undefined, bytesRead: () => read };
  const st = statSync(path);
  if (st.isDirectory()) throw new Error("is a directory, not a capture file");
  const size = st.isFile() ? st.size : undefined;
  const source: AsyncIterable<Uint8Array> | Iterable<Uint8Array> =
    options.reuseBuffers && size !== undefined
      ? options.blocking
        ? readFileRangeBlocking(path)
        : readFileRange(path)
      : (createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Uint8Array>);
  return { chunks: maybeGunzip(count(source)), size, bytesRead: () => read };
}

/**
 * Bytes [start, end) of a file in REUSED_CHUNK pieces through two buffers: one being parsed,
 * one being filled (see OpenOptions.reuseBuffers: a piece is valid until the next is asked for).
 */
async function* readFileRange(
  path: string,
  start = 0,
  end = Number.POSITIVE_INFINITY,
): AsyncGenerator<Uint8Array> {
  const file = await open(path, "r");
  let inflight: Promise<unknown> | undefined;
  try {
    const buffers = [Buffer.allocUnsafe(REUSED_CHUNK), Buffer.allocUnsafe(REUSED_CHUNK)];
    let position = start;
    let turn = 0;
    const next = () => {
      const wanted = Math.max(0, Math.min(REUSED_CHUNK, end - position));
      const read = file.read(buffers[turn] as Buffer, 0, wanted, position);
      position += wanted;
      turn ^= 1;
      inflight = read;
      return { read, wanted };
    };
    let pending = next();
    for (;;) {
      const { bytesRead, buffer } = await pending.read;
      if (bytesRead === 0) return;
      if (bytesRead < pending.wanted) {
        // The end of the file (a regular file reads short only there): this piece is the last.
        yield buffer.subarray(0, bytesRead);
        return;
      }
      pending = next();
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    // A read still running (the consumer stopped early) must end before the file closes.
    await inflight?.catch(() => undefined);
    await file.close();
  }
}

/**
 * Bytes [start, end) of a file in BLOCKING_CHUNK pieces, read synchronously into one buffer
 * (see OpenOptions.blocking: a piece is valid until the next is asked for).
 */
export function* readFileRangeBlocking(
  path: string,
  start = 0,
  end = Number.POSITIVE_INFINITY,
): Generator<Uint8Array> {
  const fd = openSync(path, "r");
  try {
    const buffer = new Uint8Array(BLOCKING_CHUNK);
    let position = start;
    for (;;) {
      const wanted = Math.max(0, Math.min(BLOCKING_CHUNK, end - position));
      const n = wanted === 0 ? 0 : readSync(fd, buffer, 0, wanted, position);
      if (n === 0) return;
      position += n;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** Pass chunks through, or through createGunzip when the first two bytes are the gzip magic. */
export async function* maybeGunzip(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  const first: Uint8Array[] = [];
  let seen = 0;
  let done = false;
  while (seen < 2) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    first.push(r.value);
    seen += r.value.length;
  }
  const head = first.length === 1 ? (first[0] as Uint8Array) : Buffer.concat(first);
  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    if (head.length > 0) yield head;
    if (!done) yield* rest(it);
    return;
  }
  // Loaded only for a compressed capture (a plain one starts without them).
  const [{ Readable }, { pipeline }, { createGunzip }] = await Promise.all([
    import("node:stream"),
    import("node:stream/promises"),
    import("node:zlib"),
  ]);
  const gunzip = createGunzip({ chunkSize: CHUNK });
  const compressed = Readable.from(done ? [head] : prepend(head, it));
  // A source or gzip error ends the iteration below with that error; the promise is not needed.
  pipeline(compressed, gunzip).catch(() => undefined);
  for await (const chunk of gunzip) yield chunk as Buffer;
}

async function* prepend(
  head: Uint8Array,
  it: AsyncIterator<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  yield head;
  yield* rest(it);
}

async function* rest(it: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  } finally {
    // The reader stopped early (a corrupt record): close the source (and its file) now.
    await it.return?.();
  }
}
