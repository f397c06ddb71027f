// A big classic pcap file read on every core without worker threads: the file is cut into
// regions at record boundaries where a new second starts (as the parallel reader cuts it), and
// C threads, one per CPU, read and scan the regions at once (native/pcapscan/regions.c). Here,
// meanwhile, the records the scan left over (ARP, LACP, LLDP, ICMP, ...) are decoded region
// after region, in file order, and every region's counts are merged, as the parallel reader
// merges its workers'. Returns undefined whenever one pass must read the file instead (not a
// classic Ethernet pcap, no cut, a region that did not end on its cut, too many records left
// over, a damaged record followed by more frames).
import { closeSync, fstatSync, openSync } from "node:fs";
import {
  type AnalysisName,
  type AnalysisResults,
  type AnalysisSpec,
  createParts,
  finishParts,
} from "../analyze/analysis.js";
import { addFrame } from "../analyze/parts.js";
import { DEFAULT_MIN_PPS } from "../analyze/storms.js";
import { decodeFrame } from "../decode/dispatch.js";
import {
  type CaptureError,
  type CaptureInterface,
  DEFAULT_MAX_BLOCK_BYTES,
  Packet,
} from "../packet.js";
import { type ClassicHeader, classicHeader, regionStarts } from "../parallel/boundary.js";
import { readAtFd } from "../parallel/read-at.js";
import type { ReadResult } from "../read.js";
import type { PcapScanAddon, ScanHandle } from "./addon.js";
import { type LinkFields, linkFieldsOf, stormStateOf, trafficStateOf } from "./scan.js";

const FILE_HEADER = 24;
const RECORD_HEADER = 16;
const MAX_RARE_BYTES = 16 << 20;

export interface RegionOptions {
  /** Regions to cut the file into (more than threads: a thread free takes the next one). */
  regions: number;
  /** Threads scanning them (this one decodes what they leave over meanwhile). */
  threads: number;
  /**
   * The most bytes of left-over records a region keeps (default 16 MiB; with at most 8
   * regions, 128 MiB in all); past that the file is read in one pass.
   */
  maxRareBytes?: number;
  onProgress?: (p: { done: number; total: number }) => void;
}

/** The record at `at` (a copy of it), as the parser fills it (ClassicPcap.fill). */
function recordAt(bytes: Uint8Array, view: DataView, at: number, h: ClassicHeader): Packet {
  const le = h.littleEndian;
  const ts = view.getUint32(at, le) + view.getUint32(at + 4, le) / h.divisor;
  const captured = view.getUint32(at + 8, le);
  const original = view.getUint32(at + 12, le);
  return new Packet(bytes, view, at + RECORD_HEADER, captured, original, ts, h.linkType, 0);
}

/** Wait for these regions: no thread may read the file once it is closed. */
function endAll(addon: PcapScanAddon, handles: ScanHandle[]): void {
  for (const handle of handles) {
    try {
      addon.regionEnd(handle);
    } catch {
      // Out of memory in that region: it has stopped all the same.
    }
  }
}

export async function analyzeInRegions<N extends AnalysisName>(
  addon: PcapScanAddon,
  path: string,
  spec: AnalysisSpec<N>,
  options: RegionOptions,
): Promise<{ read: ReadResult; result: AnalysisResults[N] } | undefined> {
  const fd = openSync(path, "r");
  let handles: ScanHandle[] = [];
  let ended = 0;
  try {
    const size = fstatSync(fd).size;
    const readAt = readAtFd(fd, size);
    const head = readAt(0, FILE_HEADER + RECORD_HEADER);
    if (options.regions < 2 || head.length < FILE_HEADER + RECORD_HEADER) return undefined;
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const h = classicHeader(head, DEFAULT_MAX_BLOCK_BYTES);
    // The parser's own check of the file header (ClassicPcap): anything else, it says why. Not
    // Ethernet: every frame would be left over (the scan counts plain IP over Ethernet only).
    if (h === undefined || view.getUint16(4, h.littleEndian) !== 2 || h.linkType !== 1)
      return undefined;
    const firstSecond = view.getUint32(FILE_HEADER, h.littleEndian);
    const starts = regionStarts(readAt, size, options.regions, h, firstSecond);
    if (starts === undefined) return undefined;
    const ends = [...starts.slice(1), size];
    const parts = createParts(spec);
    handles = addon.regions(
      fd,
      Float64Array.from(starts),
      Float64Array.from(ends),
      options.threads,
      parts.traffic !== undefined,
      parts.storms !== undefined,
      spec.minPps ?? DEFAULT_MIN_PPS,
      h.littleEndian,
      h.divisor === 1e9,
      h.linkType,
      h.maxRecord,
      options.maxRareBytes ?? MAX_RARE_BYTES,
    );
    let frames = 0;
    let position = FILE_HEADER;
    for (const [i, handle] of handles.entries()) {
      const end = addon.regionEnd(handle);
      ended = i + 1;
      // A region before the last must end exactly on the next cut (else the cut was wrong).
      if (end.overflow || (i < handles.length - 1 && end.position !== ends[i])) return undefined;
      const { rare, records } = end;
      const copies = new DataView(records.buffer, records.byteOffset, records.byteLength);
      const where = new Map<number, number>();
      for (let k = 0; k < rare.length; k += 3) {
        const p = recordAt(records, copies, rare[k + 2] as number, h);
        p.index = frames + (rare[k + 1] as number);
        // The scan already put it through the storm sketch, in file order.
        addFrame(parts, decodeFrame(p), false);
        where.set(rare[k] as number, rare[k + 2] as number);
      }
      // A storm sample of a record left over: its link fields, from its copy.
      const linkAt = (offset: number): LinkFields =>
        linkFieldsOf(decodeFrame(recordAt(records, copies, where.get(offset) as number, h)));
      parts.traffic?.merge(trafficStateOf(addon.traffic(handle)), frames);
      parts.storms?.merge(stormStateOf(addon.storms(handle, true), linkAt), frames);
      parts.lastTs = Math.max(parts.lastTs, addon.lastTs(handle));
      frames += end.frames;
      position = end.position;
      options.onProgress?.({ done: position, total: size });
    }
    const tail = await readTail(path, head.subarray(0, FILE_HEADER), position, size, frames);
    if (tail === undefined) return undefined;
    const interfaces: CaptureInterface[] = [
      { id: 0, linkType: h.linkType, snapLength: h.snapLength, unitsPerSecond: h.divisor },
    ];
    const read: ReadResult = {
      format: "pcap",
      frames,
      bytes: tail.bytes,
      interfaces,
      ...(tail.error === undefined ? {} : { error: tail.error }),
    };
    return { read, result: finishParts(spec, parts, { interfaces }) };
  } finally {
    // Those not waited for yet (one pass reads the file instead): no thread may still read it.
    endAll(addon, handles.slice(ended));
    closeSync(fd);
  }
}

/**
 * Where the scan stopped short of the end (a record cut off or not plausible), the parser reads
 * on from there to say why as one pass says it; undefined when a frame follows (read it all in
 * one pass then).
 */
async function readTail(
  path: string,
  header: Uint8Array,
  position: number,
  size: number,
  frames: number,
): Promise<{ bytes: number; error: CaptureError | undefined } | undefined> {
  if (position === size) return { bytes: position, error: undefined };
  // Loaded only here (a damaged file): the regions' path does without the stream reader.
  const [{ readFileRangeBlocking }, { readCapture }] = await Promise.all([
    import("../open.js"),
    import("../read.js"),
  ]);
  let seen = 0;
  const r = await readCapture(
    (async function* () {
      yield header;
      yield* readFileRangeBlocking(path, position);
    })(),
    () => {
      seen++;
    },
  );
  if (seen > 0 || r.frames > 0) return undefined;
  const error =
    r.error === undefined
      ? undefined
      : {
          ...r.error,
          offset: position + r.error.offset - FILE_HEADER,
          frame: frames + r.error.frame,
        };
  return { bytes: position + r.bytes - FILE_HEADER, error };
}
