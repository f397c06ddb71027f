// Classic pcap: a 24-byte file header, then 16-byte record headers each followed by the frame.
// Either byte order, micro- or nanosecond timestamps.
// https://www.tcpdump.org/manpages/pcap-savefile.5.html
import type { CaptureFormat, RecordScanner } from "./format.js";
import { type CaptureInterface, FormatError, Packet } from "./packet.js";

export const PCAP_MICRO = 0xa1b2c3d4;
export const PCAP_NANO = 0xa1b23c4d;
const FILE_HEADER = 24;
const RECORD_HEADER = 16;
/** libpcap accepts records up to this size whatever the header's snaplen says. */
const LIBPCAP_MAX_SNAPLEN = 262144;

export class ClassicPcap implements CaptureFormat {
  readonly name = "pcap";
  readonly interfaces: CaptureInterface[] = [];
  private readonly le: boolean;
  private divisor = 1e6;
  private linkType = 1;
  private maxRecord = LIBPCAP_MAX_SNAPLEN;
  private started = false;
  private readonly maxBlockBytes: number;
  private readonly scanner: RecordScanner | undefined;

  constructor(littleEndian: boolean, maxBlockBytes: number, scanner?: RecordScanner) {
    this.le = littleEndian;
    this.maxBlockBytes = maxBlockBytes;
    this.scanner = scanner;
  }

  headerBytes(): number {
    return this.started ? RECORD_HEADER : FILE_HEADER;
  }

  recordLength(view: DataView, at: number, fileOffset: number): number {
    if (!this.started) return FILE_HEADER;
    const captured = view.getUint32(at + 8, this.le);
    if (captured > this.maxRecord) {
      throw new FormatError(
        fileOffset,
        `record header: captured length ${captured} exceeds the largest plausible ${this.maxRecord}`,
      );
    }
    return RECORD_HEADER + captured;
  }

  skippable(): boolean {
    return false;
  }

  record(
    bytes: Uint8Array,
    view: DataView,
    at: number,
    length: number,
    fileOffset: number,
  ): Packet | undefined {
    if (!this.started) {
      this.readFileHeader(view, at, fileOffset);
      return undefined;
    }
    const le = this.le;
    return new Packet(
      bytes,
      view,
      at + RECORD_HEADER,
      length - RECORD_HEADER,
      view.getUint32(at + 12, le),
      view.getUint32(at, le) + view.getUint32(at + 4, le) / this.divisor,
      this.linkType,
      0,
    );
  }

  fill(into: Packet, bytes: Uint8Array, view: DataView, at: number, length: number): boolean {
    if (!this.started) return false;
    const le = this.le;
    into.chunk = bytes;
    into.view = view;
    into.offset = at + RECORD_HEADER;
    into.capturedLength = length - RECORD_HEADER;
    into.originalLength = view.getUint32(at + 12, le);
    into.ts = view.getUint32(at, le) + view.getUint32(at + 4, le) / this.divisor;
    into.linkType = this.linkType;
    into.interfaceId = 0;
    return true;
  }

  /**
   * The hot loop (ParserOptions.lane): every whole record from `start` in `bytes`, filled into
   * `into` (numbered on from `into.index`) and shown to `lane`; onPacket gets a copy of each
   * one the lane does not take. Stops at a record that is not whole or not plausible (the
   * parser's own loop then carries it over or reports it). Returns where it stopped.
   */
  scan(
    bytes: Uint8Array,
    view: DataView,
    start: number,
    into: Packet,
    lane: (p: Packet) => boolean,
    onPacket: (p: Packet) => void,
  ): number {
    if (!this.started) return start;
    const le = this.le;
    const divisor = this.divisor;
    const max = this.maxRecord;
    const n = bytes.length;
    into.chunk = bytes;
    into.view = view;
    into.linkType = this.linkType;
    let pos = start;
    while (pos + RECORD_HEADER <= n) {
      const captured = view.getUint32(pos + 8, le);
      const end = pos + RECORD_HEADER + captured;
      if (captured > max || end > n) break;
      into.offset = pos + RECORD_HEADER;
      into.capturedLength = captured;
      into.originalLength = view.getUint32(pos + 12, le);
      into.ts = view.getUint32(pos, le) + view.getUint32(pos + 4, le) / divisor;
      into.index++;
      if (!lane(into)) onPacket(into.copy());
      pos = end;
    }
    return pos;
  }

  /**
   * `scan` by a RecordScanner: it counts the frames it understands; each record it leaves (a
   * frame it does not decode) is filled into `into` and given to onPacket, then it goes on.
   */
  scanWith(
    bytes: Uint8Array,
    view: DataView,
    start: number,
    into: Packet,
    scanner: RecordScanner,
    onPacket: (p: Packet) => void,
  ): number {
    if (!this.started) return start;
    let pos = start;
    for (;;) {
      pos = scanner.scan(bytes, pos, into.index);
      into.index = scanner.index;
      const at = scanner.stopped;
      if (at < 0) return pos;
      this.fill(into, bytes, view, at, pos - at);
      onPacket(into.copy());
    }
  }

  private readFileHeader(view: DataView, at: number, fileOffset: number): void {
    const le = this.le;
    const major = view.getUint16(at + 4, le);
    if (major !== 2) {
      throw new FormatError(fileOffset + 4, `pcap file header: unsupported version ${major}`);
    }
    const nano = view.getUint32(at, le) === PCAP_NANO;
    this.divisor = nano ? 1e9 : 1e6;
    const snapLength = view.getUint32(at + 16, le);
    // The link-layer header type is the low 16 bits; the upper bits may carry FCS information.
    this.linkType = view.getUint32(at + 20, le) & 0xffff;
    this.maxRecord = Math.min(this.maxBlockBytes, Math.max(snapLength, LIBPCAP_MAX_SNAPLEN));
    this.scanner?.start({
      littleEndian: le,
      nano,
      linkType: this.linkType,
      maxRecord: this.maxRecord,
    });
    this.interfaces.push({
      id: 0,
      linkType: this.linkType,
      snapLength,
      unitsPerSecond: this.divisor,
    });
    this.started = true;
  }
}
