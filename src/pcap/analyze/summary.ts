// `pcap summary`: every analysis in one pass, the traffic counts in full and the others as
// their headline numbers (run `pcap lacp`, `pcap arp`, ... for the detail).
import type { Frame } from "../decode/dispatch.js";
import { type Analyzer, analyze, type CaptureContext } from "./analyzer.js";
import { type ArpOptions, type ArpReport, createArpAnalyzer } from "./arp.js";
import { createLacpAnalyzer, type LacpOptions, type LacpReport } from "./lacp.js";
import { createNeighborsAnalyzer, type NeighborsReport } from "./neighbors.js";
import { addFrame, finishContext, type Parts } from "./parts.js";
import {
  createStormAnalyzer,
  type StormOptions,
  type StormReport,
  type StormWindow,
} from "./storms.js";
import { createTrafficAnalyzer, type TrafficOptions, type TrafficReport } from "./traffic.js";

export interface SummaryOptions {
  traffic?: TrafficOptions;
  storms?: StormOptions;
  lacp?: LacpOptions;
  arp?: ArpOptions;
}

export interface SummaryReport extends TrafficReport {
  lacp: {
    pdus: number;
    markers: number;
    ports: number;
    stateChanges: number;
    partnerChanges: number;
    gaps: number;
    stopped: number;
    splits: number;
    messages: string[];
  };
  lldp: { pdus: number; neighbors: number };
  cdp: { pdus: number; neighbors: number };
  arp: {
    requests: number;
    replies: number;
    gratuitous: number;
    probes: number;
    neighborSolicitations: number;
    neighborAdvertisements: number;
    moves: number;
    conflicts: number;
    unanswered: number;
    messages: string[];
  };
  storms: StormWindow[];
}

const MESSAGES = 10;

function lacpBrief(r: LacpReport): SummaryReport["lacp"] {
  const count = (kind: string) => r.events.filter((e) => e.kind === kind).length;
  const important = r.events.filter((e) => e.kind !== "state").map((e) => e.message);
  return {
    pdus: r.pdus,
    markers: r.markers,
    ports: r.ports.length,
    stateChanges: count("state"),
    partnerChanges: count("partner"),
    gaps: count("gap"),
    stopped: count("stopped"),
    splits: r.splits.length,
    messages: [...r.splits.map((s) => s.message), ...important].slice(0, MESSAGES),
  };
}

function arpBrief(r: ArpReport): SummaryReport["arp"] {
  return {
    requests: r.requests,
    replies: r.replies,
    gratuitous: r.gratuitous,
    probes: r.probes,
    neighborSolicitations: r.solicitations,
    neighborAdvertisements: r.advertisements,
    moves: r.moves.length,
    conflicts: r.conflicts.length,
    unanswered: r.unanswered.length,
    messages: [...r.conflicts, ...r.moves].map((x) => x.message).slice(0, MESSAGES),
  };
}

function neighborCount(r: NeighborsReport, protocol: "lldp" | "cdp"): number {
  return r.interfaces.reduce(
    (n, i) => n + i.neighbors.filter((x) => x.protocol === protocol).length,
    0,
  );
}

/** The summary from the five analyses' reports. */
function summaryReport(
  traffic: TrafficReport,
  storms: StormReport,
  lacp: LacpReport,
  arp: ArpReport,
  neighbors: NeighborsReport,
): SummaryReport {
  return {
    ...traffic,
    lacp: lacpBrief(lacp),
    lldp: { pdus: neighbors.lldpPdus, neighbors: neighborCount(neighbors, "lldp") },
    cdp: { pdus: neighbors.cdpPdus, neighbors: neighborCount(neighbors, "cdp") },
    arp: arpBrief(arp),
    storms: storms.windows,
  };
}

export function summaryParts(options: SummaryOptions = {}): Parts {
  return {
    traffic: createTrafficAnalyzer(options.traffic),
    storms: createStormAnalyzer(options.storms),
    lacp: createLacpAnalyzer(options.lacp),
    arp: createArpAnalyzer(options.arp),
    neighbors: createNeighborsAnalyzer(),
    lastTs: Number.NEGATIVE_INFINITY,
  };
}

/** Every part's report, once all frames went in. */
export function finishSummary(parts: Parts, context?: CaptureContext): SummaryReport {
  const c = finishContext(parts, context);
  const { traffic, storms, lacp, arp, neighbors } = parts;
  if (!traffic || !storms || !lacp || !arp || !neighbors)
    throw new Error("summary needs every part");
  return summaryReport(
    traffic.finish(c),
    storms.finish(c),
    lacp.finish(c),
    arp.finish(c),
    neighbors.finish(c),
  );
}

function createSummaryAnalyzer(options: SummaryOptions = {}): Analyzer<SummaryReport> {
  const parts = summaryParts(options);
  return { add: (frame: Frame) => addFrame(parts, frame), finish: (c) => finishSummary(parts, c) };
}

/** The same as a pure function over a list of frames. */
export function analyzeSummary(
  frames: Iterable<Frame>,
  options: SummaryOptions = {},
  context?: CaptureContext,
): SummaryReport {
  return analyze(createSummaryAnalyzer(options), frames, context);
}
