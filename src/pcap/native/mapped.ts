// A regular file's chunks straight from a read-only mapping of it (native/pcapscan/map.c): no
// read() copying each byte from the page cache, which was half of `pcap summary`'s reading time
// on a cached file. The pages of chunks already parsed are given back as the reading moves on,
// so the resident memory stays about two chunks whatever the file's size.
import type { PcapScanAddon } from "./addon.js";

/** Big chunks: few records straddle two of them (the parser copies those). */
export const MAPPED_CHUNK = 8 << 20;

/** The file at `path` mapped read-only; undefined when it cannot be (then read it). */
export function mapFile(addon: Pick<PcapScanAddon, "map">, path: string): ArrayBuffer | undefined {
  try {
    return addon.map(path);
  } catch {
    return undefined;
  }
}

/**
 * The chunks of the file at `path`, mapped now; undefined when it cannot be mapped (then read
 * it). A chunk stays readable after the next is asked for (its pages come back from the file).
 */
export function mappedChunks(
  addon: Pick<PcapScanAddon, "map" | "prefetch" | "release">,
  path: string,
  chunk = MAPPED_CHUNK,
): Iterable<Uint8Array> | undefined {
  const buffer = mapFile(addon, path);
  return buffer === undefined ? undefined : chunksOf(addon, buffer, { chunk });
}

export interface ChunkOptions {
  /** The bytes [start, end) of the mapping (default: all of it). */
  start?: number;
  end?: number;
  chunk?: number;
  /** A thread reads the next chunk into the cache while this one is scanned (default true). */
  readAhead?: boolean;
}

/** A mapping's bytes in chunks, the pages of those before the current one given back. */
export function* chunksOf(
  addon: Pick<PcapScanAddon, "prefetch" | "release">,
  buffer: ArrayBuffer,
  options: ChunkOptions = {},
): Generator<Uint8Array> {
  const { start = 0, end = buffer.byteLength, chunk = MAPPED_CHUNK } = options;
  let released = start;
  for (let at = start; at < end; at += chunk) {
    const next = Math.min(at + chunk, end);
    if (options.readAhead !== false) addon.prefetch(buffer, next, Math.min(chunk, end - next));
    yield new Uint8Array(buffer, at, Math.min(chunk, end - at));
    // The next chunk is wanted: the ones before this one are done with (a record carried over
    // from this one is still here).
    if (at > released) {
      addon.release(buffer, released, at - released);
      released = at;
    }
  }
}
