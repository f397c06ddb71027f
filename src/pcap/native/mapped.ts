// A regular file's chunks straight from a read-only mapping of it (native/pcapscan/map.c): no
// read() copying each byte from the page cache, which was half of `pcap summary`'s reading time
// on a cached file. The pages of chunks already parsed are given back as the reading moves on,
// so the resident memory stays about two chunks whatever the file's size.
import type { PcapScanAddon } from "./addon.js";

/** Big chunks: few records straddle two of them (the parser copies those). */
export const MAPPED_CHUNK = 8 << 20;

/**
 * The chunks of the file at `path`, mapped now; undefined when it cannot be mapped (then read
 * it). A chunk stays readable after the next is asked for (its pages come back from the file).
 */
export function mappedChunks(
  addon: Pick<PcapScanAddon, "map" | "prefetch" | "release">,
  path: string,
  chunk = MAPPED_CHUNK,
): Iterable<Uint8Array> | undefined {
  let buffer: ArrayBuffer;
  try {
    buffer = addon.map(path);
  } catch {
    return undefined;
  }
  return chunksOf(addon, buffer, chunk);
}

function* chunksOf(
  addon: Pick<PcapScanAddon, "prefetch" | "release">,
  buffer: ArrayBuffer,
  chunk: number,
): Generator<Uint8Array> {
  const size = buffer.byteLength;
  let released = 0;
  for (let at = 0; at < size; at += chunk) {
    // A thread reads the next chunk into the cache while this one is scanned.
    const next = Math.min(at + chunk, size);
    addon.prefetch(buffer, next, Math.min(chunk, size - next));
    yield new Uint8Array(buffer, at, Math.min(chunk, size - at));
    // The next chunk is wanted: the ones before this one are done with (a record carried over
    // from this one is still here).
    if (at > released) {
      addon.release(buffer, released, at - released);
      released = at;
    }
  }
}
