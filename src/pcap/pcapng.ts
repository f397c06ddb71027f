// pcapng (draft-ietf-opsawg-pcapng): SHB, IDB, EPB, SPB and the obsolete Packet Block are read;
// every other block type is skipped by its length (without buffering it); options this reader
// does not know are skipped. Several sections (and byte orders) in one file are fine.
import { ByteCursor, DecodeError } from "./cursor.js";
import type { CaptureFormat } from "./format.js";
import { type CaptureInterface, FormatError, Packet } from "./packet.js";

export const PCAPNG_SHB = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const IDB = 1;
const OPB = 2; // obsolete Packet Block
const SPB = 3;
const EPB = 6;
const BLOCK_HEADER = 12; // type, length, and the SHB's byte-order magic
const OPT_END = 0;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;
const TWO_32 = 4294967296;

interface SectionInterface extends CaptureInterface {
  /** if_tsoffset, seconds added to every timestamp. */
  offsetSeconds: number;
}

export class Pcapng implements CaptureFormat {
  readonly name = "pcapng";
  readonly interfaces: SectionInterface[] = [];
  /** Index in `interfaces` of this section's interface 0. */
  private sectionBase = 0;
  private le = true;
  private readonly maxBlockBytes: number;

  constructor(maxBlockBytes: number) {
    this.maxBlockBytes = maxBlockBytes;
  }

  headerBytes(): number {
    return BLOCK_HEADER;
  }

  recordLength(view: DataView, at: number, fileOffset: number): number {
    let type = view.getUint32(at, this.le);
    if (view.getUint32(at, false) === PCAPNG_SHB) {
      const bom = view.getUint32(at + 8, false);
      if (bom === BYTE_ORDER_MAGIC) this.le = false;
      else if (bom === 0x4d3c2b1a) this.le = true;
      else
        throw new FormatError(fileOffset + 8, `section header: bad byte-order magic 0x${hex(bom)}`);
      type = PCAPNG_SHB;
    }
    const length = view.getUint32(at + 4, this.le);
    if (length < BLOCK_HEADER || length % 4 !== 0 || length > this.maxBlockBytes) {
      throw new FormatError(fileOffset, `block type 0x${hex(type)}: bad block length ${length}`);
    }
    return length;
  }

  skippable(view: DataView, at: number): boolean {
    const type = view.getUint32(at, this.le);
    return type !== PCAPNG_SHB && type !== IDB && type !== EPB && type !== SPB && type !== OPB;
  }

  record(
    bytes: Uint8Array,
    view: DataView,
    at: number,
    length: number,
    fileOffset: number,
  ): Packet | undefined {
    const le = this.le;
    const type = view.getUint32(at, le);
    if (view.getUint32(at + length - 4, le) !== length) {
      throw new FormatError(
        fileOffset,
        `block type 0x${hex(type)}: trailing length does not match`,
      );
    }
    const c = new ByteCursor(bytes, at + 8, at + length - 4, le, view, 0);
    try {
      if (type === PCAPNG_SHB) this.sectionBase = this.interfaces.length;
      else if (type === IDB) this.interfaces.push(this.decodeInterface(c));
      else if (type === EPB) return this.decodeEnhanced(c, false);
      else if (type === OPB) return this.decodeEnhanced(c, true);
      else if (type === SPB) return this.decodeSimple(c);
      return undefined;
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      const where = fileOffset + (e.offset - at);
      throw new FormatError(where, `block type 0x${hex(type)}: ${e.message}`, { cause: e });
    }
  }

  /**
   * `record` for a well-formed EPB, without a Packet made (see CaptureFormat.fill); false for
   * any other block and for an EPB with anything odd about it, which `record` then reads.
   */
  fill(into: Packet, bytes: Uint8Array, view: DataView, at: number, length: number): boolean {
    const le = this.le;
    if (length < 32 || view.getUint32(at, le) !== EPB) return false;
    if (view.getUint32(at + length - 4, le) !== length) return false;
    const iface = this.interfaces[this.sectionBase + view.getUint32(at + 8, le)];
    const captured = view.getUint32(at + 20, le);
    if (iface === undefined || 28 + captured > length - 4) return false;
    into.chunk = bytes;
    into.view = view;
    into.offset = at + 28;
    into.capturedLength = captured;
    into.originalLength = view.getUint32(at + 24, le);
    const ticks = view.getUint32(at + 12, le) * TWO_32 + view.getUint32(at + 16, le);
    into.ts = ticks / iface.unitsPerSecond + iface.offsetSeconds;
    into.linkType = iface.linkType;
    into.interfaceId = iface.id;
    return true;
  }

  private decodeInterface(c: ByteCursor): SectionInterface {
    const linkType = c.u16("linktype");
    c.skip(2, "reserved");
    const iface: SectionInterface = {
      id: this.interfaces.length,
      linkType,
      snapLength: c.u32("snaplen"),
      unitsPerSecond: 1e6,
      offsetSeconds: 0,
    };
    try {
      readOptions(c, iface);
    } catch (e) {
      // A damaged option list costs the options, not the interface.
      if (!(e instanceof DecodeError)) throw e;
    }
    return iface;
  }

  private findInterface(c: ByteCursor, id: number): SectionInterface {
    const iface = this.interfaces[this.sectionBase + id];
    if (iface === undefined || id < 0) {
      throw new DecodeError(c.offset, "interface id", `packet on interface ${id}: no IDB for it`);
    }
    return iface;
  }

  private decodeEnhanced(c: ByteCursor, obsolete: boolean): Packet {
    const id = obsolete ? c.u16("interface id") : c.u32("interface id");
    if (obsolete) c.skip(2, "drops count");
    const iface = this.findInterface(c, id);
    const hi = c.u32("timestamp (high)");
    const lo = c.u32("timestamp (low)");
    const capturedLength = c.u32("captured length");
    const originalLength = c.u32("original length");
    const start = c.offset;
    c.skip(capturedLength, "packet data");
    const ts = (hi * TWO_32 + lo) / iface.unitsPerSecond + iface.offsetSeconds;
    return new Packet(
      c.bytes,
      c.view,
      start,
      capturedLength,
      originalLength,
      ts,
      iface.linkType,
      iface.id,
    );
  }

  /** SPB: interface 0, no timestamp (ts 0), captured length = min(original, snaplen, block). */
  private decodeSimple(c: ByteCursor): Packet {
    const iface = this.findInterface(c, 0);
    const originalLength = c.u32("original length");
    let capturedLength = Math.min(originalLength, c.remaining);
    if (iface.snapLength > 0) capturedLength = Math.min(capturedLength, iface.snapLength);
    const start = c.offset;
    c.skip(capturedLength, "packet data");
    return new Packet(
      c.bytes,
      c.view,
      start,
      capturedLength,
      originalLength,
      0,
      iface.linkType,
      iface.id,
    );
  }
}

function readOptions(c: ByteCursor, iface: SectionInterface): void {
  while (c.remaining >= 4) {
    const code = c.u16("option code");
    const len = c.u16("option length");
    if (code === OPT_END) break;
    const v = c.sub(len, "option value");
    c.skip(Math.min((4 - (len % 4)) % 4, c.remaining), "option padding");
    if (code === IF_NAME) iface.name = text(v.bytesOf(len, "if_name"));
    else if (code === IF_DESCRIPTION) iface.description = text(v.bytesOf(len, "if_description"));
    else if (code === IF_TSRESOL && len >= 1) {
      const r = v.u8("if_tsresol");
      // MSB clear: 10^-n seconds; MSB set: 2^-n seconds.
      iface.unitsPerSecond = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r;
    } else if (code === IF_TSOFFSET && len >= 8) {
      const hi = v.u32("if_tsoffset (high)");
      const lo = v.u32("if_tsoffset (low)");
      iface.offsetSeconds = (hi | 0) * TWO_32 + lo;
    }
  }
}

const utf8 = new TextDecoder("utf-8");

function text(b: Uint8Array): string {
  return utf8.decode(b).replace(/\0+$/, "");
}

function hex(n: number): string {
  return n.toString(16).padStart(8, "0");
}
