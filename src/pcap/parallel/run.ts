// Parallel reading of a big classic pcap file: cut it at record boundaries into one region per
// core, let a worker count each region (traffic, storms), then merge the counts in file order
// and feed the rare frames the workers sent back (LACP, ARP/ND, LLDP, CDP) through the
// order-dependent analyses here. Returns undefined whenever one pass would be needed instead
// (not a classic pcap, too small, no plausible cut, a region that did not end on its cut, too
// many rare frames): the caller then reads the file start to end.
import { closeSync, openSync } from "node:fs";
import { open } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { startWorker } from "../../lib/worker.js";
import {
  type AnalysisName,
  type AnalysisResults,
  type AnalysisSpec,
  createParts,
  finishParts,
} from "../analyze/analysis.js";
import { addRare, type Parts } from "../analyze/parts.js";
import { decodeFrame } from "../decode/dispatch.js";
import { type CaptureError, DEFAULT_MAX_BLOCK_BYTES, Packet } from "../packet.js";
import type { ReadResult } from "../read.js";
import { type ClassicHeader, classicHeader, regionStarts } from "./boundary.js";
import { readAtFd } from "./read-at.js";
import { RARE_FIELDS, type RegionJob, type RegionProgress, type RegionResult } from "./worker.js";

export interface ParallelOptions {
  /**
   * Worker threads (default 1, i.e. one pass; LINKGUARD_PCAP_WORKERS sets another default).
   * Not more by default: each worker starts cold (its own JIT warm-up) and on the 2-vCPU VM
   * this was measured on, two busy threads only got one core's worth of CPU between them, so
   * 2 workers were slower (0.79 s against 0.58 s for 1 GB). Worth it on machines with real
   * idle cores and big files.
   */
  workers?: number;
  /** Each worker counts with the native scan when it loads there (default false). */
  native?: boolean;
  /** Files smaller than this are read in one pass (default 64 MiB). */
  minBytes?: number;
  onProgress?: (p: { done: number; total: number }) => void;
}

const FILE_HEADER = 24;
const MAX_RARE_BYTES = 256 << 20;

function defaultWorkers(): number {
  const fromEnv = Number(process.env.LINKGUARD_PCAP_WORKERS);
  return Number.isInteger(fromEnv) && fromEnv > 0
    ? Math.min(fromEnv, availableParallelism() * 2)
    : 1;
}

async function readAt(path: string, position: number, length: number): Promise<Uint8Array> {
  const file = await open(path, "r");
  try {
    const buffer = new Uint8Array(length);
    const { bytesRead } = await file.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * Region starts: the first record, then the first record of a new second after a record
 * boundary near each 1/n of the file (no second in two regions). Undefined unless every cut is
 * found (a storm second longer than boundary.ts's scan, no plausible boundary): one pass then.
 */
function cuts(
  path: string,
  size: number,
  n: number,
  h: ClassicHeader,
  firstSecond: number,
): number[] | undefined {
  const fd = openSync(path, "r");
  try {
    const starts = regionStarts(readAtFd(fd, size), size, n, h, firstSecond);
    return starts?.length === n ? starts : undefined;
  } finally {
    closeSync(fd);
  }
}

/** The parent's node options minus those that only make sense for it (`-e SCRIPT`, ...). */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "-e" || a === "--eval" || a === "-p" || a === "--print") i++;
    else if (!a.startsWith("--input-type")) out.push(a);
  }
  return out;
}

function runWorker(
  job: RegionJob,
  onProgress: (bytes: number) => void,
): Promise<RegionResult | undefined> {
  return new Promise((resolve) => {
    const worker = startWorker(new URL("./worker.js", import.meta.url), {
      workerData: job,
      execArgv: workerExecArgv(),
    });
    worker.on("message", (m: RegionResult | RegionProgress | { kind: "failed" }) => {
      if (m.kind === "progress") onProgress(m.bytes);
      // No worker.terminate(): the worker ends by itself once it has posted its result, and
      // terminating it while V8 still compiles on a background thread can abort the process.
      else {
        // Its result is in: a worker slow to wind down must not keep the process alive (seen
        // once: every result posted, one worker thread still there, the process never exited).
        worker.unref();
        resolve(m.kind === "result" ? m : undefined);
      }
    });
    worker.on("error", () => resolve(undefined));
    worker.on("exit", () => resolve(undefined));
  });
}

/** The rare frames of one region, as packets numbered over the whole file, into the parts. */
function feedRare(parts: Parts, r: RegionResult, frameOffset: number): void {
  const view = new DataView(r.rareBytes.buffer, r.rareBytes.byteOffset, r.rareBytes.byteLength);
  for (let i = 0; i < r.rareCount; i++) {
    const m = r.rareMeta.subarray(i * RARE_FIELDS, (i + 1) * RARE_FIELDS);
    const [index = 0, ts = 0, captured = 0, original = 0, linkType = 1, iface = 0, offset = 0] = m;
    const p = new Packet(r.rareBytes, view, offset, captured, original, ts, linkType, iface);
    p.index = frameOffset + index;
    addRare(parts, decodeFrame(p));
  }
}

export async function analyzeInParallel<N extends AnalysisName>(
  path: string,
  size: number,
  spec: AnalysisSpec<N>,
  options: ParallelOptions = {},
): Promise<{ read: ReadResult; result: AnalysisResults[N] } | undefined> {
  const n = options.workers ?? defaultWorkers();
  if (n < 2 || size < (options.minBytes ?? 64 << 20)) return undefined;
  const head = await readAt(path, 0, FILE_HEADER + 16);
  const h = classicHeader(head, DEFAULT_MAX_BLOCK_BYTES);
  if (h === undefined || head.length < FILE_HEADER + 16) return undefined;
  const firstSecond = new DataView(head.buffer, head.byteOffset).getUint32(
    FILE_HEADER,
    h.littleEndian,
  );
  const starts = cuts(path, size, n, h, firstSecond);
  if (starts === undefined) return undefined;
  const done = starts.map(() => 0);
  const progress = (i: number) => (bytes: number) => {
    done[i] = bytes;
    options.onProgress?.({ done: done.reduce((a, b) => a + b, 0), total: size });
  };
  const prefix = head.slice(0, FILE_HEADER);
  const results = await Promise.all(
    starts.map((start, i) => {
      const end = starts[i + 1] ?? size;
      const job: RegionJob = {
        file: path,
        start,
        end,
        prefix,
        spec,
        maxRareBytes: MAX_RARE_BYTES,
        native: options.native === true,
      };
      return runWorker(job, progress(i));
    }),
  );
  const parts = createParts(spec);
  let frames = 0;
  let bytes = FILE_HEADER;
  let lastTs = Number.NEGATIVE_INFINITY;
  let error: CaptureError | undefined;
  for (const [i, r] of results.entries()) {
    // A region before the last must end exactly on the next cut, without error.
    if (r === undefined || r.overflow || (r.error !== undefined && i < results.length - 1))
      return undefined;
    if (r.traffic !== undefined) parts.traffic?.merge(r.traffic, frames);
    if (r.storms !== undefined) parts.storms?.merge(r.storms, frames);
    feedRare(parts, r, frames);
    lastTs = Math.max(lastTs, r.lastTs);
    if (r.error !== undefined) {
      const offset = (starts[i] as number) + r.error.offset - FILE_HEADER;
      error = { ...r.error, offset, frame: frames + r.error.frame };
    }
    frames += r.frames;
    bytes += r.position - FILE_HEADER;
  }
  const interfaces = [
    { id: 0, linkType: h.linkType, snapLength: h.snapLength, unitsPerSecond: h.divisor },
  ];
  const read: ReadResult = {
    format: "pcap",
    frames,
    bytes,
    interfaces,
    ...(error === undefined ? {} : { error }),
  };
  const context = Number.isFinite(lastTs) ? { interfaces, lastTs } : { interfaces };
  return { read, result: finishParts(spec, parts, context) };
}
