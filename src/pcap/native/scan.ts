// The native scan as the parser's RecordScanner, and its counts as the JavaScript analyses'
// own state (so they merge like a worker's region does): plain IP frames are counted in C,
// every frame goes through the storm sketch there in file order, and every other frame is
// decoded here and counted by the JavaScript analyses (see native/pcapscan/pcapscan.c).
import { ipv6Text } from "../addresses.js";
import type { FrameSample } from "../analyze/frame-sketch.js";
import { plainProtocolCounts } from "../analyze/protocol-counts.js";
import type { StormState } from "../analyze/storms.js";
import type { Counted } from "../analyze/top-counter.js";
import type { TrafficStateData } from "../analyze/traffic-state.js";
import type { Frame } from "../decode/dispatch.js";
import { ETHERTYPE_IPV4 } from "../decode/ipv4.js";
import { ETHERTYPE_IPV6 } from "../decode/ipv6.js";
import type { ClassicLayout, RecordScanner } from "../format.js";
import {
  CANDIDATE_FIELDS,
  type NativeCounter,
  type NativeStorms,
  type NativeTraffic,
  type PcapScanAddon,
  SAMPLE_BYTES,
  type ScanHandle,
} from "./addon.js";

/** What the scan counts: the traffic and storm analyses' parts, when the analysis has them. */
export interface ScanWants {
  traffic: boolean;
  storms: boolean;
  /** The storm analysis' minPps (which seconds keep their candidates). */
  minPps: number;
}

export class NativeScan implements RecordScanner {
  private handle: ScanHandle | undefined;
  /** Shared with the addon: frame index in and out, the record left over, a sample's wish. */
  private readonly out = new Float64Array(3);
  private readonly addon: PcapScanAddon;
  private readonly wants: ScanWants;

  constructor(addon: PcapScanAddon, wants: ScanWants) {
    this.addon = addon;
    this.wants = wants;
  }

  /** True once a classic pcap header started it: the scan then sees every frame. */
  get active(): boolean {
    return this.handle !== undefined;
  }

  start(layout: ClassicLayout): void {
    const w = this.wants;
    this.handle = this.addon.create(
      w.traffic,
      w.storms,
      w.minPps,
      layout.littleEndian,
      layout.nano,
      layout.linkType,
      layout.maxRecord,
      this.out,
    );
  }

  scan(chunk: Uint8Array, start: number, index: number): number {
    this.out[0] = index;
    return this.addon.scan(this.handle as ScanHandle, chunk, start);
  }

  get index(): number {
    return this.out[0] as number;
  }

  get stopped(): number {
    return this.out[1] as number;
  }

  /** After the frame the scan left over was decoded: its storm sample's link fields, if wanted. */
  decoded(frame: Frame): void {
    if (this.out[2] !== 1 || this.handle === undefined) return;
    this.out[2] = 0;
    const link = linkFieldsOf(frame);
    this.addon.link(this.handle, link.src, link.dst, link.ethertype);
  }

  /** The latest timestamp of every frame scanned. */
  lastTs(): number {
    return this.handle === undefined ? Number.NEGATIVE_INFINITY : this.addon.lastTs(this.handle);
  }

  /** The traffic counts of the frames counted natively, as a worker's state. */
  trafficState(): TrafficStateData | undefined {
    if (this.handle === undefined || !this.wants.traffic) return undefined;
    return trafficStateOf(this.addon.traffic(this.handle));
  }

  /**
   * The storm analysis' seconds, its current second closed as its finish() does (or as a
   * worker's state() does for a region).
   */
  stormState(region: boolean): StormState | undefined {
    if (this.handle === undefined || !this.wants.storms) return undefined;
    return stormStateOf(this.addon.storms(this.handle, region));
  }
}

/** Native traffic counts as the traffic analysis' mergeable state. */
export function trafficStateOf(t: NativeTraffic): TrafficStateData {
  const seconds = new Map<number, { t: number; packets: number; bytes: number }>();
  for (let i = 0; i < t.seconds.length; i += 3) {
    const second = t.seconds[i] as number;
    seconds.set(second, {
      t: second,
      packets: t.seconds[i + 1] as number,
      bytes: t.seconds[i + 2] as number,
    });
  }
  const ethertypes = new Float64Array(65536);
  ethertypes[ETHERTYPE_IPV4] = t.ipv4Frames;
  ethertypes[ETHERTYPE_IPV6] = t.ipv6Frames;
  const vlans = new Map<number, number>();
  t.vlans.forEach((n, vid) => {
    if (n > 0) vlans.set(vid, n);
  });
  return {
    packets: t.packets,
    bytes: t.bytes,
    originalBytes: t.originalBytes,
    snapped: t.snapped,
    firstTs: t.firstTs,
    lastTs: t.lastTs,
    seconds,
    perSecondTruncated: t.perSecondTruncated === 1,
    ethertypes,
    llcOnly: 0,
    noEthertype: 0,
    vlanTagged: t.vlanTagged,
    vlans,
    protocols: plainProtocolCounts(t.ipv4Frames, t.ipv6Frames, t.vlanTagged, t.ipProtocols),
    macs: counted(t.macs),
    ipv4: counted(t.ipv4),
    ipv6: counted(t.ipv6),
    errors: [],
    errorKinds: new Map(),
    errorTotal: 0,
    maxErrors: 0,
  };
}

/** A frame's link fields, for a storm sample (-1: the frame has none). */
export interface LinkFields {
  src: number;
  dst: number;
  ethertype: number;
}

export function linkFieldsOf(frame: Frame): LinkFields {
  const link = frame.link.kind === "link" ? frame.link : undefined;
  return { src: link?.src ?? -1, dst: link?.dst ?? -1, ethertype: link?.ethertype ?? -1 };
}

/**
 * Native storm seconds as the storm analysis' mergeable state. `linkAt` reads the link fields
 * of a sample's frame from its record (a region's thread could not ask for them).
 */
export function stormStateOf(s: NativeStorms, linkAt?: (offset: number) => LinkFields): StormState {
  const out: StormState = [];
  let c = 0;
  for (let i = 0; i < s.seconds.length; i += 4) {
    const kept = s.seconds[i + 3] as number;
    const top = kept < 0 ? undefined : ([] as StormState[number]["top"] & object);
    for (let j = 0; j < kept; j++, c++) {
      const r = s.candidates.subarray(c * CANDIDATE_FIELDS, (c + 1) * CANDIDATE_FIELDS);
      top?.push({
        key: r[0] as number,
        count: r[1] as number,
        gapSum: r[2] as number,
        gaps: r[3] as number,
        sample: r[4] === 1 ? sampleOf(r, s.samples.subarray(c * SAMPLE_BYTES), linkAt) : undefined,
      });
    }
    out.push({
      t: s.seconds[i] as number,
      packets: s.seconds[i + 1] as number,
      bytes: s.seconds[i + 2] as number,
      top,
    });
  }
  return out;
}

const orUndefined = (n: number) => (n < 0 ? undefined : n);

function sampleOf(
  r: Float64Array,
  bytes: Uint8Array,
  linkAt: ((offset: number) => LinkFields) | undefined,
): FrameSample {
  const at = r[11] as number;
  const link =
    at >= 0 && linkAt !== undefined
      ? linkAt(at)
      : { src: r[6] as number, dst: r[7] as number, ethertype: r[8] as number };
  return {
    bytes: bytes.slice(0, r[10] as number),
    length: r[5] as number,
    src: orUndefined(link.src),
    dst: orUndefined(link.dst),
    ethertype: orUndefined(link.ethertype),
    frame: r[9] as number,
  };
}

function counted(c: NativeCounter): { entries: Counted[]; approximate: boolean } {
  const entries: Counted[] = [];
  for (let i = 0; i < c.rows.length; i += 3) {
    const e: Counted = {
      key: c.rows[i] as number,
      packets: c.rows[i + 1] as number,
      bytes: c.rows[i + 2] as number,
    };
    const at = (i / 3) * 16;
    if (c.addresses !== undefined) e.label = ipv6Text(c.addresses.subarray(at, at + 16));
    entries.push(e);
  }
  return { entries, approximate: c.approximate === 1 };
}
