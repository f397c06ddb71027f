// What the capture readers hand out, and how they say a file went wrong.
import { ByteCursor } from "./cursor.js";

/**
 * One captured frame, as classic pcap records and pcapng EPB/SPB/OPB blocks carry it. The bytes
 * stay in the reader's chunk: `data` is a view made on demand (the hot path reads through
 * `view` at `offset` instead, see ByteCursor). Valid as long as the chunk is (see openCapture).
 */
export class Packet {
  // The numbers start as numbers (a field declared bare starts as undefined, and V8 then stores
  // every timestamp written to it as a new heap object: a third of the reader's garbage).
  /** 1-based frame number over the whole file (as tcpdump and Wireshark number them). */
  index = 0;
  /** Capture time in epoch seconds (a double: about a microsecond of precision; 0 for SPB). */
  ts = 0;
  capturedLength = 0;
  originalLength = 0;
  /** LINKTYPE_* value (1 Ethernet, 113 Linux cooked, 276 Linux cooked v2, ...). */
  linkType = 0;
  /** Capture interface, numbered over the whole file (pcapng sections add up); 0 for pcap. */
  interfaceId = 0;
  /** The chunk the frame is in, a DataView over it, and where the frame starts. */
  chunk: Uint8Array;
  view: DataView;
  offset = 0;

  constructor(
    chunk: Uint8Array,
    view: DataView,
    offset: number,
    capturedLength: number,
    originalLength: number,
    ts: number,
    linkType: number,
    interfaceId: number,
  ) {
    this.chunk = chunk;
    this.view = view;
    this.offset = offset;
    this.capturedLength = capturedLength;
    this.originalLength = originalLength;
    this.ts = ts;
    this.linkType = linkType;
    this.interfaceId = interfaceId;
  }

  /** Another Packet for the same frame (the reader reuses the one it shows a fast lane). */
  copy(): Packet {
    const p = new Packet(
      this.chunk,
      this.view,
      this.offset,
      this.capturedLength,
      this.originalLength,
      this.ts,
      this.linkType,
      this.interfaceId,
    );
    p.index = this.index;
    return p;
  }

  /** The captured bytes (a view, not a copy). */
  get data(): Uint8Array {
    return this.chunk.subarray(this.offset, this.offset + this.capturedLength);
  }
}

/** A capture interface: the pcap file header, or one pcapng IDB. */
export interface CaptureInterface {
  id: number;
  linkType: number;
  snapLength: number;
  /** if_name / if_description options, when the IDB has them. */
  name?: string;
  description?: string;
  /** Timestamp units per second (10^6 for pcap, 10^9 for nanosecond pcap, if_tsresol). */
  unitsPerSecond: number;
}

/** How the reader reports a malformed, truncated or unreadable capture. */
export interface CaptureError {
  kind: "error";
  /** File offset (decompressed bytes) of the record or block that could not be read. */
  offset: number;
  /** The frame number that record would have had: every frame before it was delivered. */
  frame: number;
  message: string;
}

/** Thrown inside the format readers; CaptureParser turns it into a CaptureError. */
export class FormatError extends Error {
  override name = "FormatError";
  readonly offset: number;
  constructor(offset: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.offset = offset;
  }
}

export const DEFAULT_MAX_BLOCK_BYTES = 16 * 1024 * 1024;

/** A cursor over a packet's bytes, reading its chunk through the chunk's DataView. */
export function cursorOf(p: Packet): ByteCursor {
  return new ByteCursor(p.chunk, 0, p.capturedLength, false, p.view, p.offset);
}

/** A Packet around loose bytes (tests, crafted frames). */
export function packetOf(
  data: Uint8Array,
  fields: { index?: number; ts?: number; originalLength?: number; linkType?: number } = {},
): Packet {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const p = new Packet(
    data,
    view,
    0,
    data.length,
    fields.originalLength ?? data.length,
    fields.ts ?? 0,
    fields.linkType ?? 1,
    0,
  );
  p.index = fields.index ?? 1;
  return p;
}
