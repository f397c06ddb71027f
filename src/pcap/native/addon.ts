// Loads the optional native pcap scan (native/pcapscan, built by `npm ci` with node-gyp). It may
// be missing (no compiler at install time) or turned off (LINKGUARD_PCAP_NATIVE=0): then the
// JavaScript reader reads every frame, with the same reports (test/pcap-native.test.ts).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export interface ScanHandle {
  readonly __pcapScan: unique symbol;
}

/** native/pcapscan/pcapscan.c: its header comment says what each call does. */
export interface PcapScanAddon {
  create(
    traffic: boolean,
    storms: boolean,
    minPps: number,
    littleEndian: boolean,
    nano: boolean,
    linkType: number,
    maxRecord: number,
    out: Float64Array,
  ): ScanHandle;
  scan(handle: ScanHandle, chunk: Uint8Array, start: number): number;
  link(handle: ScanHandle, src: number, dst: number, ethertype: number): void;
  traffic(handle: ScanHandle): NativeTraffic;
  storms(handle: ScanHandle, closeAsRegion: boolean): NativeStorms;
  lastTs(handle: ScanHandle): number;
  /**
   * The regions [starts[i], ends[i]) of the classic pcap open as `fd` scanned by `threads`
   * threads (regions.c), each counted as create() with these arguments would; a region's handle
   * takes traffic() and storms() once regionEnd() has returned for it. Keep `fd` open until
   * every region has ended.
   */
  regions(
    fd: number,
    starts: Float64Array,
    ends: Float64Array,
    threads: number,
    traffic: boolean,
    storms: boolean,
    minPps: number,
    littleEndian: boolean,
    nano: boolean,
    linkType: number,
    maxRecord: number,
    maxRareBytes: number,
  ): ScanHandle[];
  /** Wait for a region to be scanned: its frames, where it stopped, the records left over. */
  regionEnd(handle: ScanHandle): RegionEnd;
}

interface RegionEnd {
  frames: number;
  /** Where the scan stopped: the region's end, or a record not whole or not plausible. */
  position: number;
  /** More records were left over than a region keeps: it stopped before them. */
  overflow: boolean;
  /** (file offset, frame number in the region, offset in `records`) of each record left over. */
  rare: Float64Array;
  /** Copies of those records, header and all. */
  records: Uint8Array;
}

/** A TopCounter's entries as (key, packets, bytes) rows; IPv6 also its addresses, 16 bytes each. */
export interface NativeCounter {
  rows: Float64Array;
  approximate: number;
  addresses?: Uint8Array;
}

export interface NativeTraffic {
  packets: number;
  bytes: number;
  originalBytes: number;
  snapped: number;
  firstTs: number;
  lastTs: number;
  perSecondTruncated: number;
  /** (t, packets, bytes) rows. */
  seconds: Float64Array;
  ipv4Frames: number;
  ipv6Frames: number;
  vlanTagged: number;
  /** Indexed by VLAN id. */
  vlans: Float64Array;
  ipProtocols: Float64Array;
  macs: NativeCounter;
  ipv4: NativeCounter;
  ipv6: NativeCounter;
}

/** Per candidate, in this order (pcapscan.c CANDIDATE_FIELDS). */
export const CANDIDATE_FIELDS = 12;
export const SAMPLE_BYTES = 64;

export interface NativeStorms {
  /** (t, packets, bytes, candidates or -1 when none were kept) rows. */
  seconds: Float64Array;
  candidates: Float64Array;
  samples: Uint8Array;
}

export type PcapReaderChoice =
  | { kind: "native"; addon: PcapScanAddon; reason: string }
  | { kind: "js"; reason: string };

// dist/src/pcap/native/ -> the package root, where native/ sits beside dist/.
const ADDON = fileURLToPath(
  new URL("../../../../native/pcapscan/build/Release/linkguard_pcapscan.node", import.meta.url),
);

let cached: PcapReaderChoice | undefined;

/** Which reader counts the frames: the native scan if it loads and is not turned off. */
export function choosePcapReader(env = process.env): PcapReaderChoice {
  if (env.LINKGUARD_PCAP_NATIVE === "0")
    return { kind: "js", reason: "LINKGUARD_PCAP_NATIVE=0 asks for the JavaScript reader" };
  cached ??= loadPcapScan(ADDON);
  return cached;
}

export function loadPcapScan(file: string): PcapReaderChoice {
  if (!existsSync(file))
    return {
      kind: "js",
      reason: `native pcap scan not built (${file} missing; it needs python3, make and a C compiler at npm ci)`,
    };
  try {
    const addon = createRequire(import.meta.url)(file) as PcapScanAddon;
    return { kind: "native", addon, reason: "native pcap scan" };
  } catch (err) {
    return { kind: "js", reason: `native pcap scan did not load: ${(err as Error).message}` };
  }
}
