// Reads of a capture file at a position, for finding where to cut it into regions: a few
// windows of a few MiB, read before any region starts.
import { readSync } from "node:fs";
import type { ReadAt } from "./boundary.js";

/** Bytes [position, position + length) of the open file `fd` of `size` bytes, fewer at its end. */
export function readAtFd(fd: number, size: number): ReadAt {
  return (position, length) => {
    const b = new Uint8Array(Math.max(0, Math.min(length, size - position)));
    return b.subarray(0, b.length === 0 ? 0 : readSync(fd, b, 0, b.length, position));
  };
}
