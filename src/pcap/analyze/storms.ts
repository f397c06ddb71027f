// Storms: runs of seconds whose packet rate is far over the capture's baseline (its median
// packets/s, quiet seconds included), the frame repeated most in each run, and whether the run
// looks like a forwarding loop: one identical frame making up most of it, repeating with
// sub-millisecond gaps (the "ghost packets" of incident 004).
import { hexColon, macText } from "../addresses.js";
import type { Frame } from "../decode/dispatch.js";
import type { PlainIp } from "../decode/plain-ip.js";
import type { Packet } from "../packet.js";
import { type Analyzer, analyze, type CaptureContext, roundTs } from "./analyzer.js";
import {
  type Candidate,
  FrameSketch,
  frameHash,
  type Hashed,
  sampleOf,
  sampleOfPacket,
} from "./frame-sketch.js";

/** StormOptions.minPps by default. */
export const DEFAULT_MIN_PPS = 1000;

export interface StormOptions {
  /** A storm second has at least this many packets (default 1000). */
  minPps?: number;
  /** ... and at least this many times the baseline (default 10). */
  factor?: number;
  /** A loop: the dominant frame is at least this share of the window (default 0.5) ... */
  loopShare?: number;
  /** ... and repeats on average within this many seconds (default 0.001). */
  loopGap?: number;
}

interface DominantFrame {
  /** Lower bound of its count (a Misra-Gries summary can only under-count). */
  packets: number;
  share: number;
  /** Mean gap between its repeats, seconds. */
  meanGap: number | null;
  length: number | null;
  src: string | null;
  dst: string | null;
  ethertype: string | null;
  /** A frame number where it was seen, and its first bytes in hex. */
  exampleFrame: number | null;
  sample: string | null;
}

export interface StormWindow {
  /** Epoch seconds; `end` is exclusive (start + seconds). */
  start: number;
  end: number;
  seconds: number;
  packets: number;
  bytes: number;
  peakPps: number;
  dominant: DominantFrame | null;
  looksLikeLoop: boolean;
}

export interface StormReport {
  baselinePps: number;
  thresholdPps: number;
  windows: StormWindow[];
}

interface Second {
  t: number;
  packets: number;
  bytes: number;
  /** Kept only for seconds busy enough to be part of a storm. */
  top: Candidate[] | undefined;
}

/** The median packets/s over every second from the first to the last, empty ones as 0. */
function baseline(seconds: Second[]): number {
  if (seconds.length === 0) return 0;
  const counts = seconds.map((s) => s.packets).sort((a, b) => a - b);
  const first = seconds[0] as Second;
  const span = (seconds[seconds.length - 1] as Second).t - first.t + 1;
  const zeros = span - counts.length;
  const at = (k: number) => (k < zeros ? 0 : (counts[k - zeros] as number));
  return span % 2 ? at((span - 1) / 2) : (at(span / 2 - 1) + at(span / 2)) / 2;
}

function dominantOf(run: Second[], packets: number): DominantFrame | null {
  const merged = new Map<number, Candidate>();
  for (const s of run) {
    for (const c of s.top ?? []) {
      const m = merged.get(c.key);
      if (m === undefined) merged.set(c.key, { ...c });
      else {
        m.count += c.count;
        m.gapSum += c.gapSum;
        m.gaps += c.gaps;
        m.sample ??= c.sample;
      }
    }
  }
  // Only a frame seen at least twice within one second has its bytes kept (see SAMPLE_AT), and
  // only such a frame is shown: never a count without the frame it counts.
  const best = [...merged.values()]
    .filter((c) => c.sample !== undefined)
    .sort((a, b) => b.count - a.count)[0];
  if (best === undefined || best.count < 2) return null;
  const s = best.sample;
  return {
    packets: best.count,
    share: Math.round((best.count / packets) * 1000) / 1000,
    meanGap: best.gaps > 0 ? best.gapSum / best.gaps : null,
    length: s?.length ?? null,
    src: s?.src === undefined ? null : macText(s.src),
    dst: s?.dst === undefined ? null : macText(s.dst),
    ethertype: s?.ethertype === undefined ? null : `0x${s.ethertype.toString(16).padStart(4, "0")}`,
    exampleFrame: s?.frame ?? null,
    sample: s === undefined ? null : hexColon(s.bytes).replaceAll(":", ""),
  };
}

/** Plain data for another thread: the seconds with their candidates. */
export type StormState = Second[];

/** The storm analysis, whose state can also be merged from workers reading file regions. */
export interface StormAnalyzer extends Analyzer<StormReport> {
  /** `add` for a plain IP frame, from its bytes (decode/plain-ip.ts), with its frameHash. */
  addPlain(p: Packet, ip: PlainIp, frame: Hashed): void;
  state(): StormState;
  merge(state: StormState, frameOffset: number): void;
}

/** The `n` strongest of two candidate lists for one second (the same frame's counts added). */
function mergeCandidates(a: Candidate[], b: Candidate[], n: number): Candidate[] {
  const merged = new Map<number, Candidate>();
  for (const c of [...a, ...b]) {
    const m = merged.get(c.key);
    if (m === undefined) merged.set(c.key, { ...c });
    else {
      m.count += c.count;
      m.gapSum += c.gapSum;
      m.gaps += c.gaps;
      m.sample ??= c.sample;
    }
  }
  return [...merged.values()].sort((x, y) => y.count - x.count).slice(0, n);
}

export function createStormAnalyzer(options: StormOptions = {}): StormAnalyzer {
  const minPps = options.minPps ?? DEFAULT_MIN_PPS;
  const factor = options.factor ?? 10;
  const loopShare = options.loopShare ?? 0.5;
  const loopGap = options.loopGap ?? 0.001;
  const seconds = new Map<number, Second>();
  let current: Second | undefined;
  let first: Second | undefined;
  let sketch = new FrameSketch();
  const hashed: Hashed = { hash: 0 };

  /**
   * Keep the closing second's top candidates only if it was busy enough to matter, or when it
   * is the first or the last of this analyzer's frames (a worker's region may cut a second).
   */
  function close(s: Second, force: boolean): void {
    if (s.top === undefined && (force || s.packets >= minPps)) s.top = sketch.top(2);
    sketch = new FrameSketch();
  }

  /** Count the packet in its second; true when the second's sketch still takes frames. */
  function count(p: Packet): boolean {
    const t = Math.floor(p.ts);
    if (current === undefined || current.t !== t) {
      if (current !== undefined) close(current, current === first);
      current = seconds.get(t);
      if (current === undefined) {
        current = { t, packets: 0, bytes: 0, top: undefined };
        // Bounded like the traffic series: past 1,000,000 distinct seconds, only counted here.
        if (seconds.size < 1_000_000) seconds.set(t, current);
      }
      first ??= current;
    }
    current.packets++;
    current.bytes += p.capturedLength;
    // A second revisited after it closed (out-of-order timestamps) is only counted.
    return current.top === undefined;
  }

  function add(frame: Frame): void {
    const p = frame.packet;
    if (!count(p)) return;
    frameHash(p.view, p.offset, p.capturedLength, hashed);
    const slot = sketch.add(hashed, p);
    if (slot >= 0) sketch.keep(slot, sampleOf(frame));
  }

  function addPlain(p: Packet, ip: PlainIp, frame: Hashed): void {
    if (!count(p)) return;
    const slot = sketch.add(frame, p);
    if (slot >= 0) sketch.keep(slot, sampleOfPacket(p, ip.src, ip.dst, ip.ethertype));
  }

  function state(): StormState {
    if (current !== undefined) close(current, true);
    current = undefined;
    return [...seconds.values()];
  }

  function merge(state: StormState, frameOffset: number): void {
    for (const b of state) {
      const top = b.top?.map((c) =>
        c.sample === undefined
          ? c
          : { ...c, sample: { ...c.sample, frame: c.sample.frame + frameOffset } },
      );
      const mine = seconds.get(b.t);
      if (mine === undefined) seconds.set(b.t, { ...b, top });
      else {
        mine.packets += b.packets;
        mine.bytes += b.bytes;
        mine.top =
          mine.top === undefined
            ? top
            : top === undefined
              ? mine.top
              : mergeCandidates(mine.top, top, 2);
      }
    }
  }

  function finish(): StormReport {
    if (current !== undefined) close(current, false);
    current = undefined;
    const list = [...seconds.values()].sort((a, b) => a.t - b.t);
    const base = baseline(list);
    const threshold = Math.max(minPps, factor * base);
    const windows: StormWindow[] = [];
    let run: Second[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const first = run[0] as Second;
      const packets = run.reduce((n, s) => n + s.packets, 0);
      const dominant = dominantOf(run, packets);
      windows.push({
        start: first.t,
        end: first.t + run.length,
        seconds: run.length,
        packets,
        bytes: run.reduce((n, s) => n + s.bytes, 0),
        peakPps: run.reduce((m, s) => Math.max(m, s.packets), 0),
        dominant,
        looksLikeLoop:
          dominant !== null &&
          dominant.share >= loopShare &&
          dominant.meanGap !== null &&
          dominant.meanGap <= loopGap,
      });
      run = [];
    };
    for (const s of list) {
      const last = run[run.length - 1];
      if (s.packets < threshold || (last !== undefined && s.t !== last.t + 1)) flush();
      if (s.packets >= threshold) run.push(s);
    }
    flush();
    return { baselinePps: roundTs(base), thresholdPps: threshold, windows };
  }

  return { add, addPlain, finish, state, merge };
}

/** The same as a pure function over a list of frames. */
export function analyzeStorms(
  frames: Iterable<Frame>,
  options: StormOptions = {},
  context?: CaptureContext,
): StormReport {
  return analyze(createStormAnalyzer(options), frames, context);
}
