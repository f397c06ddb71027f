// The shape every analysis has: fed decoded frames one at a time (so a capture of any size
// streams through in bounded memory), then asked for its typed result. `analyze` folds a list
// of frames through one: the pure-function form the tests use.
import type { Frame } from "../decode/dispatch.js";
import type { CaptureInterface } from "../packet.js";

/** What is known about the capture once it has been read. */
export interface CaptureContext {
  interfaces: readonly CaptureInterface[];
  /** The latest timestamp in the capture, when the caller knows it (an analysis that skips
   * frames it does not need cannot see it itself). */
  lastTs?: number;
}

export interface Analyzer<R> {
  add(frame: Frame): void;
  finish(context?: CaptureContext): R;
}

export function analyze<R>(
  analyzer: Analyzer<R>,
  frames: Iterable<Frame>,
  context?: CaptureContext,
): R {
  for (const f of frames) analyzer.add(f);
  return analyzer.finish(context);
}

/** How an interface is called in reports: its pcapng name, else "interface N". */
export function interfaceLabel(id: number, context: CaptureContext | undefined): string {
  const name = context?.interfaces[id]?.name;
  return name !== undefined && name !== "" && name !== "-" ? name : `interface ${id}`;
}

/** The median of a list of numbers (0 for an empty one). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Round to microseconds: timestamps in reports. */
export function roundTs(ts: number): number {
  return Math.round(ts * 1e6) / 1e6;
}
