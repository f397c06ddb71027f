// The LACPDU timeline per port (source MAC): each PDU's actor and partner state, the intervals
// between PDUs against the rate the partner asked for (fast 1 s, slow 30 s), state changes and
// partner changes in words, gaps over 3 intervals ("no LACPDU from ... for 93 s", incident
// 000), a port that stops sending before the capture ends, and ports of one aggregator that see
// different partner systems (a split).
import { decodeLacpState, lacpStateNames } from "../../host/parse/lacp-state.js";
import { macText } from "../addresses.js";
import type { Frame } from "../decode/dispatch.js";
import type { Lacpdu, LacpPortInfo } from "../decode/slow-protocols.js";
import {
  type Analyzer,
  analyze,
  type CaptureContext,
  interfaceLabel,
  median,
  roundTs,
} from "./analyzer.js";
import { expectedInterval, partnerChanged, partnerText, stateChanges } from "./lacp-events.js";
import { findSplits, type LacpSplit } from "./lacp-split.js";

export interface LacpOptions {
  /** PDUs kept per port in the timeline, the latest ones (default 1000); all are counted. */
  timelineLimit?: number;
  /** A gap is longer than this many expected intervals (default 3, the LACP timeout). */
  gapFactor?: number;
}

interface LacpEvent {
  frame: number;
  ts: number;
  /** Source MAC of the port the event is about. */
  port: string;
  kind: "state" | "partner" | "gap" | "stopped";
  message: string;
}

interface LacpTimelineEntry {
  frame: number;
  ts: number;
  /** Seconds since this port's previous PDU (null for its first). */
  interval: number | null;
  actorState: string[];
  partnerState: string[];
  partner: string;
}

export interface LacpPortReport {
  mac: string;
  interface: string;
  pdus: number;
  firstFrame: number;
  lastFrame: number;
  firstTs: number;
  lastTs: number;
  /** From the latest PDU. */
  actor: LacpPortInfo | null;
  partner: LacpPortInfo | null;
  collectorMaxDelay: number | null;
  rate: "fast" | "slow";
  expectedInterval: number;
  medianInterval: number | null;
  maxInterval: number | null;
  timeline: LacpTimelineEntry[];
  /** Older PDUs left out of `timeline`. */
  timelineDropped: number;
  /** The first 10,000 events; `eventsDropped` counts the rest. */
  events: LacpEvent[];
  eventsDropped: number;
}

export interface LacpReport {
  pdus: number;
  markers: number;
  ports: LacpPortReport[];
  /** Every port's events, in frame order. */
  events: LacpEvent[];
  splits: LacpSplit[];
}

interface Entry {
  frame: number;
  ts: number;
  interval: number | null;
  actor: number;
  partnerRaw: number;
  partner: string;
}

interface PortState {
  mac: string;
  interfaceId: number;
  pdus: number;
  first: Entry;
  last: Lacpdu;
  lastEntry: Entry;
  intervals: number[];
  maxInterval: number | null;
  timeline: Entry[];
  dropped: number;
  events: LacpEvent[];
  eventsDropped: number;
}

const MAX_INTERVALS = 10_000;
const MAX_EVENTS = 10_000;
const MAX_PORTS = 4096;

function entryOf(frame: Frame, pdu: Lacpdu, interval: number | null): Entry {
  return {
    frame: frame.packet.index,
    ts: frame.packet.ts,
    interval,
    actor: pdu.actor?.state.raw ?? 0,
    partnerRaw: pdu.partner?.state.raw ?? 0,
    partner: partnerText(pdu.partner),
  };
}

function names(raw: number): string[] {
  return lacpStateNames(decodeLacpState(raw));
}

export function createLacpAnalyzer(options: LacpOptions = {}): Analyzer<LacpReport> {
  const limit = options.timelineLimit ?? 1000;
  const gapFactor = options.gapFactor ?? 3;
  const ports = new Map<number, PortState>();
  let pdus = 0;
  let markers = 0;
  let endTs = Number.NEGATIVE_INFINITY;

  function event(port: PortState, e: Entry, kind: LacpEvent["kind"], message: string): void {
    if (port.events.length >= MAX_EVENTS) port.eventsDropped++;
    else port.events.push({ frame: e.frame, ts: roundTs(e.ts), port: port.mac, kind, message });
  }

  function compare(port: PortState, before: Lacpdu, after: Lacpdu, e: Entry): void {
    const at = `at frame ${e.frame}`;
    if (before.actor !== undefined && after.actor !== undefined) {
      for (const c of stateChanges("actor", before.actor.state, after.actor.state)) {
        event(port, e, "state", `${c} ${at}`);
      }
    }
    if (partnerChanged(before.partner, after.partner)) {
      const m = `partner changed from ${partnerText(before.partner)} to ${e.partner} ${at}`;
      event(port, e, "partner", m);
    } else if (before.partner !== undefined && after.partner !== undefined) {
      for (const c of stateChanges("partner", before.partner.state, after.partner.state)) {
        event(port, e, "state", `${c} ${at}`);
      }
    }
    const expected = expectedInterval(before.partner);
    if (e.interval !== null && e.interval > gapFactor * expected) {
      const m = `no LACPDU from ${port.mac} for ${Math.round(e.interval)} s (${expected === 1 ? "fast" : "slow"} rate: one every ${expected} s), until frame ${e.frame}`;
      event(port, e, "gap", m);
    }
  }

  function add(frame: Frame): void {
    const ts = frame.packet.ts;
    if (ts > endTs) endTs = ts;
    const pdu = frame.payload;
    if (pdu === undefined || (pdu.kind !== "lacp" && pdu.kind !== "marker")) return;
    if (pdu.kind === "marker") {
      markers++;
      return;
    }
    pdus++;
    const link = frame.link;
    const src = link.kind === "link" ? (link.src ?? -1) : -1;
    let port = ports.get(src);
    if (port === undefined) {
      if (ports.size >= MAX_PORTS) return;
      const e = entryOf(frame, pdu, null);
      port = {
        mac: src < 0 ? "unknown" : macText(src),
        interfaceId: frame.packet.interfaceId,
        pdus: 0,
        first: e,
        last: pdu,
        lastEntry: e,
        intervals: [],
        maxInterval: null,
        timeline: [],
        dropped: 0,
        events: [],
        eventsDropped: 0,
      };
      ports.set(src, port);
    }
    const interval = port.pdus === 0 ? null : ts - port.lastEntry.ts;
    const e = port.pdus === 0 ? port.first : entryOf(frame, pdu, interval);
    if (interval !== null) {
      if (port.intervals.length < MAX_INTERVALS) port.intervals.push(interval);
      port.maxInterval = Math.max(port.maxInterval ?? interval, interval);
      compare(port, port.last, pdu, e);
    }
    port.pdus++;
    port.last = pdu;
    port.lastEntry = e;
    port.timeline.push(e);
    if (port.timeline.length >= 2 * limit) {
      port.dropped += port.timeline.length - limit;
      port.timeline = port.timeline.slice(-limit);
    }
  }

  function report(port: PortState, context: CaptureContext | undefined): LacpPortReport {
    const last = port.last;
    const expected = expectedInterval(last.partner);
    const silent = endTs - port.lastEntry.ts;
    const events = [...port.events];
    if (silent > gapFactor * expected) {
      const { frame, ts } = port.lastEntry;
      const m = `no LACPDU from ${port.mac} for ${Math.round(silent)} s until the end of the capture (last at frame ${frame})`;
      events.push({ frame, ts: roundTs(ts), port: port.mac, kind: "stopped", message: m });
    }
    const timeline = port.timeline.slice(-limit);
    return {
      mac: port.mac,
      interface: interfaceLabel(port.interfaceId, context),
      pdus: port.pdus,
      firstFrame: port.first.frame,
      lastFrame: port.lastEntry.frame,
      firstTs: roundTs(port.first.ts),
      lastTs: roundTs(port.lastEntry.ts),
      actor: last.actor ?? null,
      partner: last.partner ?? null,
      collectorMaxDelay: last.collectorMaxDelay ?? null,
      rate: expected === 1 ? "fast" : "slow",
      expectedInterval: expected,
      medianInterval: port.intervals.length > 0 ? roundTs(median(port.intervals)) : null,
      maxInterval: port.maxInterval === null ? null : roundTs(port.maxInterval),
      timeline: timeline.map((e) => ({
        frame: e.frame,
        ts: roundTs(e.ts),
        interval: e.interval === null ? null : roundTs(e.interval),
        actorState: names(e.actor),
        partnerState: names(e.partnerRaw),
        partner: e.partner,
      })),
      timelineDropped: port.dropped + (port.timeline.length - timeline.length),
      events,
      eventsDropped: port.eventsDropped,
    };
  }

  function finish(context?: CaptureContext): LacpReport {
    endTs = Math.max(endTs, context?.lastTs ?? endTs);
    const list = [...ports.values()].map((p) => report(p, context));
    list.sort((a, b) => a.firstFrame - b.firstFrame);
    const events = list.flatMap((p) => p.events).sort((a, b) => a.frame - b.frame);
    return { pdus, markers, ports: list, events, splits: findSplits(list) };
  }

  return { add, finish };
}

/** The same as a pure function over a list of frames. */
export function analyzeLacp(
  frames: Iterable<Frame>,
  options: LacpOptions = {},
  context?: CaptureContext,
): LacpReport {
  return analyze(createLacpAnalyzer(options), frames, context);
}
