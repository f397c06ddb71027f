// What CaptureParser needs from a file format: how long the record at hand is, and what it holds.
import type { CaptureInterface, Packet } from "./packet.js";

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
  /** Interfaces described so far (pcap: one, from the file header). */
  readonly interfaces: CaptureInterface[];
}
