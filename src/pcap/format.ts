// What CaptureParser needs from a file format: how long the record at hand is, and what it holds.
import type { CaptureInterface, Packet } from "./packet.js";

/** How a classic pcap file's records read (its file header), for a RecordScanner. */
export interface ClassicLayout {
  littleEndian: boolean;
  nano: boolean;
  linkType: number;
  maxRecord: number;
}

/**
 * A hot loop over classic pcap records outside JavaScript (native/pcapscan, see
 * src/pcap/native/scan.ts): it counts the frames it understands itself and stops at the first
 * other whole record, which the parser then gives to onPacket as usual.
 */
export interface RecordScanner {
  /** The file header was read: how the records read. */
  start(layout: ClassicLayout): void;
  /**
   * Whole, plausible records of `chunk` from `start`, numbered on from `index`; returns where
   * it stopped. After it, `index` is the number of the last record scanned and `stopped` the
   * offset of the record it left to JavaScript (the last one scanned), or -1.
   */
  scan(chunk: Uint8Array, start: number, index: number): number;
  readonly index: number;
  readonly stopped: number;
}

export interface CaptureFormat {
  readonly name: "pcap" | "pcapng";
  /** Bytes of a record that must be present before `recordLength` can answer. */
  headerBytes(): number;
  /** Total length of the record at `at` (its first headerBytes are there); throws FormatError. */
  recordLength(view: DataView, at: number, fileOffset: number): number;
  /** A record that holds nothing this reader needs, so it may be skipped without buffering. */
  skippable(view: DataView, at: number): boolean;
  /**
   * Read one whole record: a Packet (its `index` is set by the parser), or undefined for a
   * header or a block that carries no packet. Throws FormatError.
   */
  record(
    bytes: Uint8Array,
    view: DataView,
    at: number,
    length: number,
    fileOffset: number,
  ): Packet | undefined;
  /**
   * `record` without making a Packet: set the fields of `into` (its `index` is the parser's)
   * and return true, or false for a record that is not a packet (then `record` reads it).
   * Formats without it deliver every frame through `record`.
   */
  fill?(into: Packet, bytes: Uint8Array, view: DataView, at: number, length: number): boolean;
  /** `fill` for every whole record from `start` in a tight loop (see ClassicPcap.scan). */
  scan?(
    bytes: Uint8Array,
    view: DataView,
    start: number,
    into: Packet,
    lane: (p: Packet) => boolean,
    onPacket: (p: Packet) => void,
  ): number;
  /** `scan` with a RecordScanner instead of a lane (ClassicPcap.scanWith). */
  scanWith?(
    bytes: Uint8Array,
    view: DataView,
    start: number,
    into: Packet,
    scanner: RecordScanner,
    onPacket: (p: Packet) => void,
  ): number;
  /** Interfaces described so far (pcap: one, from the file header). */
  readonly interfaces: CaptureInterface[];
}
