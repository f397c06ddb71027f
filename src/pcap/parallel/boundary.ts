// Where a classic pcap file can be cut for parallel reading: a record boundary found from the
// middle of the file. Records carry no marker, so a candidate offset is accepted only if a
// chain of record headers from it is plausible (sub-second field under one second, lengths in
// bounds, timestamps close to each other and to the file's start). The reader of the region
// before the cut confirms it: it must end exactly there, else the whole file is read in one go.
import { PCAP_MICRO, PCAP_NANO } from "../classic.js";

export interface ClassicHeader {
  littleEndian: boolean;
  /** Sub-second units: 10^6 or 10^9. */
  divisor: number;
  linkType: number;
  snapLength: number;
  /** The largest record accepted (as ClassicPcap does). */
  maxRecord: number;
}

const LIBPCAP_MAX_SNAPLEN = 262144;
const FILE_HEADER = 24;
const RECORD_HEADER = 16;
const DAY = 86400;

/** The 24-byte file header of a classic pcap, or undefined for anything else. */
export function classicHeader(b: Uint8Array, maxBlockBytes: number): ClassicHeader | undefined {
  if (b.length < FILE_HEADER) return undefined;
  const v = new DataView(b.buffer, b.byteOffset, FILE_HEADER);
  const magicBE = v.getUint32(0, false);
  const magicLE = v.getUint32(0, true);
  let littleEndian: boolean;
  if (magicBE === PCAP_MICRO || magicBE === PCAP_NANO) littleEndian = false;
  else if (magicLE === PCAP_MICRO || magicLE === PCAP_NANO) littleEndian = true;
  else return undefined;
  const nano = v.getUint32(0, littleEndian) === PCAP_NANO;
  const snapLength = v.getUint32(16, littleEndian);
  return {
    littleEndian,
    divisor: nano ? 1e9 : 1e6,
    linkType: v.getUint32(20, littleEndian) & 0xffff,
    snapLength,
    maxRecord: Math.min(maxBlockBytes, Math.max(snapLength, LIBPCAP_MAX_SNAPLEN)),
  };
}

/** Records in a chain from `at` that look right, up to `want` (0 when the first does not). */
function chainLength(
  v: DataView,
  at: number,
  h: ClassicHeader,
  firstSecond: number,
  want: number,
): number {
  let n = 0;
  let pos = at;
  let previous = -1;
  while (n < want && pos + RECORD_HEADER <= v.byteLength) {
    const sec = v.getUint32(pos, h.littleEndian);
    const frac = v.getUint32(pos + 4, h.littleEndian);
    const captured = v.getUint32(pos + 8, h.littleEndian);
    const original = v.getUint32(pos + 12, h.littleEndian);
    if (frac >= h.divisor || captured > h.maxRecord || original < captured) return 0;
    if (original > LIBPCAP_MAX_SNAPLEN * 4) return 0;
    if (sec < firstSecond - DAY || sec > firstSecond + 20 * 365 * DAY) return 0;
    if (previous >= 0 && Math.abs(sec - previous) > DAY) return 0;
    previous = sec;
    pos += RECORD_HEADER + captured;
    n++;
  }
  // Running off the end of the window counts as far as it got.
  return n;
}

/**
 * The first offset in `window` where a chain of `want` plausible records starts (or as many as
 * fit, at least 4, when the window ends first); undefined when there is none.
 */
export function findRecordBoundary(
  window: Uint8Array,
  h: ClassicHeader,
  firstSecond: number,
  want = 16,
): number | undefined {
  const v = new DataView(window.buffer, window.byteOffset, window.byteLength);
  for (let at = 0; at + RECORD_HEADER <= window.length; at++) {
    const n = chainLength(v, at, h, firstSecond, want);
    if (n >= want || (n >= 4 && n < want && reachesEnd(v, at, h, n))) return at;
  }
  return undefined;
}

/** The chain of n records from `at` runs past the end of the window (so it could not go on). */
function reachesEnd(v: DataView, at: number, h: ClassicHeader, n: number): boolean {
  let pos = at;
  for (let i = 0; i < n; i++) pos += RECORD_HEADER + v.getUint32(pos + 8, h.littleEndian);
  return pos + RECORD_HEADER > v.byteLength;
}

/** Where a scan for the next second stopped: a record starting a new second, or not yet. */
export interface SecondScan {
  /** The first record of a new second (found), or where to go on reading (not found). */
  at: number;
  found: boolean;
  /** The second of the last record seen (to go on with in the next window). */
  second: number | undefined;
}

/**
 * From the record at `at`, the first record whose second (as the reader computes it) differs
 * from the one before it. A cut there leaves no second in two regions, so each second's
 * repeated-frame summary is built from the same frames in the same order as in one pass.
 */
export function nextSecond(
  window: Uint8Array,
  at: number,
  h: ClassicHeader,
  second: number | undefined = undefined,
): SecondScan {
  const v = new DataView(window.buffer, window.byteOffset, window.byteLength);
  const le = h.littleEndian;
  let previous = second;
  let pos = at;
  while (pos + RECORD_HEADER <= v.byteLength) {
    const t = Math.floor(v.getUint32(pos, le) + v.getUint32(pos + 4, le) / h.divisor);
    if (previous !== undefined && t !== previous) return { at: pos, found: true, second: previous };
    previous = t;
    pos += RECORD_HEADER + v.getUint32(pos + 8, le);
  }
  return { at: pos, found: false, second: previous };
}

/** How far from a cut's first record a new second is looked for (a storm second is longer). */
const MAX_SECOND_SCAN = 256 << 20;
const CUT_WINDOW = 4 << 20;

/** Bytes [position, position + length) of the file, fewer at its end. */
export type ReadAt = (position: number, length: number) => Uint8Array;

/** The first record of a new second at or after the record at `at` of `window` (read at `near`). */
function secondStart(
  read: ReadAt,
  near: number,
  window: Uint8Array,
  at: number,
  h: ClassicHeader,
): number | undefined {
  let base = near;
  let bytes = window;
  let scan = nextSecond(bytes, at, h);
  while (!scan.found) {
    // The end of the file, or too far: no cut here.
    if (bytes.length < CUT_WINDOW || base + scan.at - near > MAX_SECOND_SCAN) return undefined;
    base += scan.at;
    bytes = read(base, CUT_WINDOW);
    scan = nextSecond(bytes, 0, h, scan.second);
  }
  return base + scan.at;
}

/**
 * Region starts of a classic pcap of `size` bytes: the first record, then near each 1/n of it
 * the first record of a new second after a record boundary (as the parallel reader cuts a
 * file); fewer when two cuts would fall on the same record or a second runs on too long.
 * Undefined when no plausible record boundary is found, or no cut is left.
 */
export function regionStarts(
  read: ReadAt,
  size: number,
  n: number,
  h: ClassicHeader,
  firstSecond: number,
): number[] | undefined {
  const starts = [FILE_HEADER];
  for (let k = 1; k < n; k++) {
    const near = Math.floor((size * k) / n);
    const window = read(near, CUT_WINDOW);
    const at = findRecordBoundary(window, h, firstSecond);
    if (at === undefined) return undefined;
    const cut = secondStart(read, near, window, at, h);
    // No new second before the end (or a storm second longer than a region): no cut here.
    if (cut !== undefined && cut > (starts[starts.length - 1] as number) && cut < size)
      starts.push(cut);
  }
  return starts.length > 1 ? starts : undefined;
}
