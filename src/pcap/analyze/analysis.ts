// The analyses by name, as the CLI and the parallel reader ask for them: a spec (plain data, so
// a worker thread can build the same parts) and the parts it needs.
import { decodeFrame, type Frame } from "../decode/dispatch.js";
import type { PcapScanAddon } from "../native/addon.js";
import { NativeScan } from "../native/scan.js";
import type { Packet } from "../packet.js";
import type { Analyzer, CaptureContext } from "./analyzer.js";
import { type ArpReport, createArpAnalyzer } from "./arp.js";
import { createLacpAnalyzer, type LacpReport } from "./lacp.js";
import { createNeighborsAnalyzer, type NeighborsReport } from "./neighbors.js";
import { addFrame, countPlain, finishContext, newPlainLane, type Parts } from "./parts.js";
import { createStormAnalyzer, DEFAULT_MIN_PPS, type StormReport } from "./storms.js";
import { finishSummary, type SummaryReport, summaryParts } from "./summary.js";

export interface AnalysisResults {
  summary: SummaryReport;
  lacp: LacpReport;
  arp: ArpReport;
  storms: StormReport;
  neighbors: NeighborsReport;
}

export type AnalysisName = keyof AnalysisResults;

/** Which analysis, with its options (all optional; defaults as in each analysis). */
export interface AnalysisSpec<N extends AnalysisName = AnalysisName> {
  name: N;
  /** summary: rows in each top-talkers list. */
  top?: number;
  /** storms: packets/s of a storm second, and the factor over the baseline. */
  minPps?: number;
  factor?: number;
  /** lacp: a gap is longer than this many expected intervals. */
  gapFactor?: number;
  /** arp: owner changes closer than this many seconds make a conflict. */
  conflictWindow?: number;
}

/** The options that are set (exactOptionalPropertyTypes: absent, never undefined). */
function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

export function createParts(spec: AnalysisSpec): Parts {
  const storms = defined({ minPps: spec.minPps, factor: spec.factor });
  const lacp = defined({ gapFactor: spec.gapFactor });
  const arp = defined({ conflictWindow: spec.conflictWindow });
  const none: Parts = {
    traffic: undefined,
    storms: undefined,
    lacp: undefined,
    arp: undefined,
    neighbors: undefined,
    lastTs: Number.NEGATIVE_INFINITY,
  };
  switch (spec.name) {
    case "summary":
      return summaryParts(defined({ traffic: defined({ top: spec.top }), storms, lacp, arp }));
    case "lacp":
      return { ...none, lacp: createLacpAnalyzer(lacp) };
    case "arp":
      return { ...none, arp: createArpAnalyzer(arp) };
    case "storms":
      return { ...none, storms: createStormAnalyzer(storms) };
    case "neighbors":
      return { ...none, neighbors: createNeighborsAnalyzer() };
  }
}

export function finishParts<N extends AnalysisName>(
  spec: AnalysisSpec<N>,
  parts: Parts,
  context?: CaptureContext,
): AnalysisResults[N] {
  const c = finishContext(parts, context);
  const results = {
    summary: () => finishSummary(parts, c),
    lacp: () => parts.lacp?.finish(c),
    arp: () => parts.arp?.finish(c),
    storms: () => parts.storms?.finish(c),
    neighbors: () => parts.neighbors?.finish(c),
  };
  return results[spec.name]() as AnalysisResults[N];
}

/** An analysis that also takes packets as they are read (decoding only what it needs to). */
export interface PacketAnalysis<R> extends Analyzer<R> {
  /** A packet decoded in full (one the lane or the native scan did not take). */
  addPacket(p: Packet): void;
  /** The reader's fast lane (ParserOptions.lane): takes plain IP frames, without keeping them. */
  lane(p: Packet): boolean;
  /** The native scan (ParserOptions.scanner), when the analysis was made with the addon. */
  scanner: NativeScan | undefined;
}

/** A native scan counting what these parts count (see native/scan.ts). */
export function nativeScanFor(spec: AnalysisSpec, parts: Parts, addon: PcapScanAddon): NativeScan {
  return new NativeScan(addon, {
    traffic: parts.traffic !== undefined,
    storms: parts.storms !== undefined,
    minPps: spec.minPps ?? DEFAULT_MIN_PPS,
  });
}

/**
 * Add what the native scan counted to the parts: before they finish, or before a worker sends
 * its region's state (`region`: its last second is closed as StormAnalyzer.state() does).
 */
export function joinNativeCounts(parts: Parts, scan: NativeScan, region: boolean): void {
  const traffic = scan.trafficState();
  if (traffic !== undefined) parts.traffic?.merge(traffic, 0);
  const storms = scan.stormState(region);
  if (storms !== undefined) parts.storms?.merge(storms, 0);
  parts.lastTs = Math.max(parts.lastTs, scan.lastTs());
}

/**
 * The analysis as one Analyzer, for reading a capture start to end in one thread. `plainLane`
 * false: the lane takes nothing, every packet is decoded in full (the tests compare both ways).
 * With `addon`, a classic pcap is counted by the native scan, which leaves the frames it does
 * not decode to `addPacket` (a pcapng capture takes the lane as without it).
 */
export function createAnalysis<N extends AnalysisName>(
  spec: AnalysisSpec<N>,
  plainLane = true,
  addon?: PcapScanAddon,
): PacketAnalysis<AnalysisResults[N]> {
  const parts = createParts(spec);
  const plain = plainLane ? newPlainLane() : undefined;
  const scan = addon === undefined ? undefined : nativeScanFor(spec, parts, addon);
  return {
    add: (frame: Frame) => addFrame(parts, frame),
    addPacket: (p: Packet) => {
      if (scan?.active !== true) return addFrame(parts, decodeFrame(p));
      // The scan already put this frame through the storm sketch, in file order.
      const frame = decodeFrame(p);
      addFrame(parts, frame, false);
      scan.decoded(frame);
    },
    lane: (p: Packet) => plain !== undefined && countPlain(parts, p, plain),
    scanner: scan,
    finish: (context) => {
      if (scan !== undefined) joinNativeCounts(parts, scan, false);
      return finishParts(spec, parts, context);
    },
  };
}
