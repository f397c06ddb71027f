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
  /** Interfaces described so far (pcap: one, from the file header). */
  readonly interfaces: CaptureInterface[];
}
