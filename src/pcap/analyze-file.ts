// The I/O edge of `linkguard pcap`: open a capture (file, "-" for stdin, gzip), stream every
// packet through decodeFrame into an analysis, and say how the reading went. A big classic
// pcap file is read by native threads, a region each (native/regions.ts), or with --workers by
// a worker per region (parallel/run.ts); anything else in one pass.
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import {
  type AnalysisName,
  type AnalysisResults,
  type AnalysisSpec,
  createAnalysis,
} from "./analyze/analysis.js";
import { choosePcapReader } from "./native/addon.js";
import { analyzeInRegions } from "./native/regions.js";
import type { Packet } from "./packet.js";
import type { ParallelOptions } from "./parallel/run.js";
import type { ReadResult } from "./read.js";

export interface Progress {
  /** Bytes read from the file so far (compressed bytes for gzip), and its size. */
  done: number;
  total: number;
  /** Which reader counts the frames: "native scan" or "JavaScript reader". */
  reader?: string;
}

export interface AnalyzedCapture<R> {
  file: string;
  read: ReadResult;
  result: R;
}

export interface AnalyzeFileOptions {
  /** Called now and then while reading (for a progress bar), when the file's size is known. */
  onProgress?: (p: Progress) => void;
  /** Read a regular file with blocking reads (see OpenOptions.blocking): the CLI's choice. */
  blocking?: boolean;
  /** Worker threads for big files, and how big (see ParallelOptions); workers: 1 = one pass. */
  parallel?: Omit<ParallelOptions, "onProgress" | "native">;
  /** Use the native scan when it loads (default); false: the JavaScript reader only. */
  native?: boolean;
  /**
   * Threads reading and scanning the regions of a classic pcap at once (native/regions.ts),
   * with `blocking`; 1: one pass. Default: one per CPU (at most 4) unless `parallel.workers` or
   * LINKGUARD_PCAP_WORKERS asks for worker threads; only for files of at least
   * `parallel.minBytes` (64 MiB).
   */
  threads?: number;
}

/** Smaller files are read in one pass: threads would not pay for themselves. */
const REGION_MIN_BYTES = 64 << 20;
const MAX_THREADS = 4;

/**
 * Regions of about 32 MiB, one or two per thread: a thread done early takes another (more
 * regions measured no faster: each one's counts cost a merge).
 */
function regionCount(size: number, threads: number): number {
  return Math.min(threads * 2, Math.max(threads, Math.round(size / (32 << 20))));
}

/** The size of a regular file (undefined: stdin, a pipe, no such file: openCapture says). */
function regularFileSize(file: string): number | undefined {
  if (file === "-") return undefined;
  try {
    const st = statSync(file);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

function defaultThreads(options: AnalyzeFileOptions): number {
  if (options.parallel?.workers !== undefined || process.env.LINKGUARD_PCAP_WORKERS !== undefined)
    return 1;
  return Math.min(availableParallelism(), MAX_THREADS);
}

export async function analyzeFile<N extends AnalysisName>(
  file: string,
  spec: AnalysisSpec<N>,
  options: AnalyzeFileOptions = {},
): Promise<AnalyzedCapture<AnalysisResults[N]>> {
  const reader = options.native === false ? undefined : choosePcapReader();
  const addon = reader?.kind === "native" ? reader.addon : undefined;
  const blocking = options.blocking === true;
  const size = addon !== undefined && blocking ? regularFileSize(file) : undefined;
  const threads = options.threads ?? defaultThreads(options);
  const minBytes = options.parallel?.minBytes ?? REGION_MIN_BYTES;
  if (addon !== undefined && size !== undefined && size >= minBytes && threads > 1) {
    const onRegions = options.onProgress;
    const done = await analyzeInRegions(addon, file, spec, {
      regions: regionCount(size, threads),
      threads,
      ...(onRegions === undefined
        ? {}
        : { onProgress: (p) => onRegions({ ...p, reader: `native scan, ${threads} threads` }) }),
    });
    if (done !== undefined) return { file, ...done };
  }
  // Loaded here: the threads' path does without the stream reader and its parser.
  const [{ openCapture }, { readCapture }] = await Promise.all([
    import("./open.js"),
    import("./read.js"),
  ]);
  // Buffers are reused: analyses never keep a packet's bytes (they copy what they keep).
  const opened = openCapture(file, { reuseBuffers: true, blocking });
  const named = addon === undefined ? "JavaScript reader" : "native scan";
  const onProgress =
    options.onProgress === undefined
      ? undefined
      : (p: Progress) => options.onProgress?.({ ...p, reader: named });
  // The parallel reader (worker threads) is loaded only when more than one could be asked for.
  const mayRunWorkers =
    (options.parallel?.workers ?? 1) > 1 || process.env.LINKGUARD_PCAP_WORKERS !== undefined;
  if (opened.size !== undefined && mayRunWorkers) {
    const { analyzeInParallel } = await import("./parallel/run.js");
    const parallel = await analyzeInParallel(file, opened.size, spec, {
      ...options.parallel,
      native: addon !== undefined,
      ...(onProgress === undefined ? {} : { onProgress }),
    });
    if (parallel !== undefined) return { file, ...parallel };
  }
  const analyzer = createAnalysis(spec, true, addon);
  const onPacket = (p: Packet) => analyzer.addPacket(p);
  let lane = analyzer.lane;
  let chunks = opened.chunks;
  if (onProgress !== undefined && opened.size !== undefined) {
    const total = opened.size;
    let next = performance.now() + 200;
    const tick = () => {
      if (performance.now() < next) return;
      next = performance.now() + 200;
      onProgress({ done: opened.bytesRead(), total });
    };
    if (analyzer.scanner !== undefined) {
      // The native scan takes whole chunks: count them.
      const source = chunks;
      chunks = (async function* () {
        for await (const chunk of source) {
          tick();
          yield chunk;
        }
      })();
    } else {
      let n = 0;
      const take = lane;
      // Every frame passes the lane first, taken or not: the place to count them.
      lane = (p) => {
        if ((++n & 0x3fff) === 0) tick();
        return take(p);
      };
    }
  }
  const scanner = analyzer.scanner;
  const read = await readCapture(chunks, onPacket, {
    lane,
    ...(scanner === undefined ? {} : { scanner }),
  });
  const result = analyzer.finish({ interfaces: read.interfaces });
  return { file, read, result };
}
