// The I/O edge of `linkguard pcap`: open a capture (file, "-" for stdin, gzip), stream every
// packet through decodeFrame into an analysis, and say how the reading went. A big classic
// pcap file is read by a worker per region (parallel/run.ts); anything else in one pass.
import {
  type AnalysisName,
  type AnalysisResults,
  type AnalysisSpec,
  createAnalysis,
} from "./analyze/analysis.js";
import { openCapture } from "./open.js";
import type { Packet } from "./packet.js";
import { analyzeInParallel, type ParallelOptions } from "./parallel/run.js";
import { type ReadResult, readCapture } from "./read.js";

export interface Progress {
  /** Bytes read from the file so far (compressed bytes for gzip), and its size. */
  done: number;
  total: number;
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
  parallel?: Omit<ParallelOptions, "onProgress">;
}

export async function analyzeFile<N extends AnalysisName>(
  file: string,
  spec: AnalysisSpec<N>,
  options: AnalyzeFileOptions = {},
): Promise<AnalyzedCapture<AnalysisResults[N]>> {
  // Buffers are reused: analyses never keep a packet's bytes (they copy what they keep).
  const opened = openCapture(file, { reuseBuffers: true, blocking: options.blocking === true });
  const { onProgress } = options;
  if (opened.size !== undefined) {
    const parallel = await analyzeInParallel(file, opened.size, spec, {
      ...options.parallel,
      ...(onProgress === undefined ? {} : { onProgress }),
    });
    if (parallel !== undefined) return { file, ...parallel };
  }
  const analyzer = createAnalysis(spec);
  const onPacket = (p: Packet) => analyzer.addPacket(p);
  let lane = analyzer.lane;
  if (onProgress !== undefined && opened.size !== undefined) {
    const total = opened.size;
    let next = performance.now() + 200;
    let n = 0;
    const take = lane;
    // Every frame passes the lane first, taken or not: the place to count them.
    lane = (p) => {
      if ((++n & 0x3fff) === 0 && performance.now() >= next) {
        next = performance.now() + 200;
        onProgress({ done: opened.bytesRead(), total });
      }
      return take(p);
    };
  }
  const read = await readCapture(opened.chunks, onPacket, { lane });
  const result = analyzer.finish({ interfaces: read.interfaces });
  return { file, read, result };
}
