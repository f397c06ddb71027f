// Which frame repeats most within one second, in constant memory: a Misra-Gries summary
// (k counters) over a hash of each frame's bytes, keeping for each candidate the gaps between
// its repeats and, once it has repeated, a copy of its first bytes.
import type { Frame } from "../decode/dispatch.js";
import type { Packet } from "../packet.js";

const K = 8;
/**
 * A candidate's bytes are copied when it is seen the second time (not for every new frame):
 * every candidate counted twice or more has its sample, since its count went from 1 to 2 after
 * it last came in, and a frame seen once is never anyone's dominant frame.
 */
const SAMPLE_AT = 2;
/** frameHash reads a frame's length and this many first bytes, no more. */
export const HASHED_BYTES = 64;
const SAMPLE_BYTES = 64;

/**
 * A frame's hash, in an object: a double passed to or returned from a function that is not
 * inlined is boxed, a heap allocation per frame on the hot path; a field of an object is not.
 */
export interface Hashed {
  hash: number;
}

/** A hash of a frame's length and first 64 bytes (`n` bytes from `base`), as a 53-bit number, into `out.hash`. */
export function frameHash(view: DataView, base: number, n: number, out: Hashed): void {
  let h1 = Math.imul(n, 0x9e3779b1);
  let h2 = n ^ 0x85ebca6b;
  const words = Math.min(n, HASHED_BYTES) & ~3;
  for (let i = 0; i < words; i += 4) {
    const w = view.getUint32(base + i);
    h1 = Math.imul(h1 ^ w, 0x01000193);
    h1 ^= h1 >>> 15;
    h2 = Math.imul(h2 ^ w, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  for (let i = words; i < Math.min(n, HASHED_BYTES); i++) {
    const b = view.getUint8(base + i);
    h1 = Math.imul(h1 ^ b, 0x01000193);
    h2 = Math.imul(h2 ^ b, 0x5bd1e995);
  }
  out.hash = (h1 >>> 0) * 2097152 + (h2 >>> 11);
}

/** What is kept of a repeated frame: enough to show it and to say how fast it repeats. */
export interface FrameSample {
  bytes: Uint8Array;
  length: number;
  src: number | undefined;
  dst: number | undefined;
  ethertype: number | undefined;
  frame: number;
}

export interface Candidate {
  key: number;
  count: number;
  gapSum: number;
  gaps: number;
  sample: FrameSample | undefined;
}

export class FrameSketch {
  private readonly keys = new Float64Array(K);
  private readonly counts = new Float64Array(K);
  private readonly lastTs = new Float64Array(K);
  private readonly gapSum = new Float64Array(K);
  private readonly gaps = new Float64Array(K);
  private readonly samples: Array<FrameSample | undefined> = new Array(K).fill(undefined);
  /** The slot counted last. */
  private last = 0;

  /**
   * Count one frame (its hash, its packet); returns the candidate's slot when a copy of the frame is wanted now (see
   * SAMPLE_AT: give it to `keep`), else -1.
   */
  add(hashed: Hashed, p: Packet): number {
    const key = hashed.hash;
    const ts = p.ts;
    // The same frame again (a storm): its slot, without a search.
    const last = this.last;
    const n = this.counts[last] as number;
    if (n > 0 && this.keys[last] === key) {
      this.counts[last] = n + 1;
      this.gapSum[last] = (this.gapSum[last] as number) + ts - (this.lastTs[last] as number);
      this.gaps[last] = (this.gaps[last] as number) + 1;
      this.lastTs[last] = ts;
      return n + 1 === SAMPLE_AT && this.samples[last] === undefined ? last : -1;
    }
    let free = -1;
    for (let i = 0; i < K; i++) {
      const c = this.counts[i] as number;
      if (c === 0) {
        if (free < 0) free = i;
      } else if (this.keys[i] === key) {
        this.counts[i] = c + 1;
        this.gapSum[i] = (this.gapSum[i] as number) + ts - (this.lastTs[i] as number);
        this.gaps[i] = (this.gaps[i] as number) + 1;
        this.lastTs[i] = ts;
        this.last = i;
        return c + 1 === SAMPLE_AT && this.samples[i] === undefined ? i : -1;
      }
    }
    if (free >= 0) {
      this.keys[free] = key;
      this.counts[free] = 1;
      this.lastTs[free] = ts;
      this.gapSum[free] = 0;
      this.gaps[free] = 0;
      this.samples[free] = undefined;
      this.last = free;
      return -1;
    }
    for (let i = 0; i < K; i++) {
      const c = (this.counts[i] as number) - 1;
      this.counts[i] = c;
      if (c === 0) this.samples[i] = undefined;
    }
    return -1;
  }

  /** The copy `add` asked for. */
  keep(slot: number, sample: FrameSample): void {
    this.samples[slot] = sample;
  }

  /** The `n` strongest candidates, most frequent first. */
  top(n: number): Candidate[] {
    const out: Candidate[] = [];
    for (let i = 0; i < K; i++) {
      const count = this.counts[i] as number;
      if (count === 0) continue;
      out.push({
        key: this.keys[i] as number,
        count,
        gapSum: this.gapSum[i] as number,
        gaps: this.gaps[i] as number,
        sample: this.samples[i],
      });
    }
    return out.sort((a, b) => b.count - a.count).slice(0, n);
  }
}

export function sampleOf(frame: Frame): FrameSample {
  const link = frame.link.kind === "link" ? frame.link : undefined;
  return sampleOfPacket(frame.packet, link?.src, link?.dst, link?.ethertype);
}

/** The sample of a packet whose link-layer fields are known. */
export function sampleOfPacket(
  p: Packet,
  src: number | undefined,
  dst: number | undefined,
  ethertype: number | undefined,
): FrameSample {
  return {
    bytes: p.data.slice(0, SAMPLE_BYTES),
    length: p.capturedLength,
    src,
    dst,
    ethertype,
    frame: p.index,
  };
}
