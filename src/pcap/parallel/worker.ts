// A worker thread reading one region of a classic pcap file: the file header, then the records
// in [start, end). It counts every frame into the mergeable parts (traffic, storms) and sends
// back copies of the rare frames (LACP, ARP/ND, LLDP, CDP) for the main thread to analyse in
// file order. Frame numbers here are local (1 = the region's first record).
import { parentPort, workerData } from "node:worker_threads";
import {
  type AnalysisSpec,
  createParts,
  joinNativeCounts,
  nativeScanFor,
} from "../analyze/analysis.js";
import { addToCounts, countPlain, isRareFrame, newPlainLane } from "../analyze/parts.js";
import type { StormState } from "../analyze/storms.js";
import type { TrafficStateData } from "../analyze/traffic-state.js";
import { decodeFrame } from "../decode/dispatch.js";
import { choosePcapReader } from "../native/addon.js";
import { readFileRangeBlocking } from "../open.js";
import type { CaptureError, Packet } from "../packet.js";
import { readCapture } from "../read.js";

export interface RegionJob {
  file: string;
  start: number;
  end: number;
  /** The file header, read first (so the region parses as a capture of its own). */
  prefix: Uint8Array;
  spec: AnalysisSpec;
  /** Stop collecting rare frames past this many bytes: the caller reads the file in one go. */
  maxRareBytes: number;
  /** Count with the native scan if it loads here (else the JavaScript lane, the same counts). */
  native: boolean;
}

/** Per rare frame: local index, ts, captured and original length, link type, interface, offset. */
export const RARE_FIELDS = 7;

export interface RegionResult {
  kind: "result";
  frames: number;
  /** Parser position: prefix bytes + region bytes consumed. */
  position: number;
  error: CaptureError | undefined;
  lastTs: number;
  traffic: TrafficStateData | undefined;
  storms: StormState | undefined;
  rareMeta: Float64Array;
  rareBytes: Uint8Array;
  rareCount: number;
  overflow: boolean;
}

export interface RegionProgress {
  kind: "progress";
  bytes: number;
}

class RareFrames {
  meta: Float64Array = new Float64Array(RARE_FIELDS * 1024);
  bytes: Uint8Array = new Uint8Array(1 << 20);
  count = 0;
  used = 0;
  overflow = false;
  private readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  add(p: Packet): void {
    if (this.overflow) return;
    const n = p.capturedLength;
    if (this.used + n > this.max) {
      this.overflow = true;
      return;
    }
    if (this.used + n > this.bytes.length) this.bytes = grow(this.bytes, this.used + n);
    if ((this.count + 1) * RARE_FIELDS > this.meta.length) {
      const meta = new Float64Array(this.meta.length * 2);
      meta.set(this.meta);
      this.meta = meta;
    }
    this.bytes.set(p.chunk.subarray(p.offset, p.offset + n), this.used);
    const m = this.count * RARE_FIELDS;
    this.meta.set([p.index, p.ts, n, p.originalLength, p.linkType, p.interfaceId, this.used], m);
    this.used += n;
    this.count++;
  }
}

function grow(b: Uint8Array, atLeast: number): Uint8Array {
  const out = new Uint8Array(Math.max(atLeast, b.length * 2));
  out.set(b);
  return out;
}

async function run(job: RegionJob): Promise<RegionResult> {
  const parts = createParts(job.spec);
  const rare = new RareFrames(job.maxRareBytes);
  const wantsRare =
    parts.lacp !== undefined || parts.arp !== undefined || parts.neighbors !== undefined;
  let read = 0;
  let reported = performance.now();
  async function* source(): AsyncGenerator<Uint8Array> {
    yield job.prefix;
    // A worker thread may block: reads in this thread, parsed while in its core's cache.
    for (const chunk of readFileRangeBlocking(job.file, job.start, job.end)) {
      read += chunk.length;
      if (performance.now() - reported > 100) {
        reported = performance.now();
        parentPort?.postMessage({ kind: "progress", bytes: read } satisfies RegionProgress);
      }
      yield chunk;
    }
  }
  const plain = newPlainLane();
  const reader = job.native ? choosePcapReader() : undefined;
  const scan = reader?.kind === "native" ? nativeScanFor(job.spec, parts, reader.addon) : undefined;
  const onPacket = (p: Packet) => {
    const frame = decodeFrame(p);
    // A frame the native scan left over: it is already in its storm sketch.
    addToCounts(parts, frame, scan?.active !== true);
    scan?.decoded(frame);
    if (wantsRare && isRareFrame(frame)) rare.add(p);
  };
  const lane = (p: Packet) => countPlain(parts, p, plain);
  const result = await readCapture(source(), onPacket, {
    lane,
    ...(scan === undefined ? {} : { scanner: scan }),
  });
  if (scan !== undefined) joinNativeCounts(parts, scan, true);
  return {
    kind: "result",
    frames: result.frames,
    position: result.bytes,
    error: result.error,
    lastTs: parts.lastTs,
    traffic: parts.traffic?.state(),
    storms: parts.storms?.state(),
    rareMeta: rare.meta.subarray(0, rare.count * RARE_FIELDS),
    rareBytes: rare.bytes.subarray(0, rare.used),
    rareCount: rare.count,
    overflow: rare.overflow,
  };
}

if (parentPort !== null && workerData !== null) {
  const port = parentPort;
  run(workerData as RegionJob).then(
    (r) =>
      port.postMessage(r, [r.rareMeta.buffer as ArrayBuffer, r.rareBytes.buffer as ArrayBuffer]),
    (e: unknown) => port.postMessage({ kind: "failed", message: String((e as Error)?.stack ?? e) }),
  );
}
