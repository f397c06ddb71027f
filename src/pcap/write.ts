// Writing captures: classic pcap (either byte order, micro- or nanosecond) and pcapng (several
// interfaces, per-interface timestamp resolution). Pure: bytes in, bytes out. The tests and the
// benchmark make their captures with it.
// https://www.tcpdump.org/manpages/pcap-savefile.5.html, draft-ietf-opsawg-pcapng

export interface RecordToWrite {
  /** Epoch seconds. */
  ts: number;
  data: Uint8Array;
  /** Length on the wire (default: data.length). */
  originalLength?: number;
  /** pcapng only (default 0). */
  interfaceId?: number;
}

export interface PcapOptions {
  littleEndian?: boolean;
  nano?: boolean;
  linkType?: number;
  snapLength?: number;
}

const PCAP_HEADER = 24;
const RECORD_HEADER = 16;

export function pcapFileHeader(o: PcapOptions = {}): Uint8Array {
  const le = o.littleEndian ?? true;
  const out = new Uint8Array(PCAP_HEADER);
  const v = new DataView(out.buffer);
  v.setUint32(0, o.nano ? 0xa1b23c4d : 0xa1b2c3d4, le);
  v.setUint16(4, 2, le);
  v.setUint16(6, 4, le);
  v.setUint32(16, o.snapLength ?? 262144, le);
  v.setUint32(20, o.linkType ?? 1, le);
  return out;
}

/** Bytes a record takes in a classic pcap file. */
export function pcapRecordSize(r: RecordToWrite): number {
  return RECORD_HEADER + r.data.length;
}

/** Write one record at `at` in `out` (which must have room); returns the offset after it. */
export function encodePcapRecord(
  out: Uint8Array,
  at: number,
  r: RecordToWrite,
  o: PcapOptions = {},
): number {
  const le = o.littleEndian ?? true;
  const v = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const scale = o.nano ? 1e9 : 1e6;
  let sec = Math.floor(r.ts);
  let frac = Math.round((r.ts - sec) * scale);
  if (frac >= scale) {
    sec++;
    frac -= scale;
  }
  v.setUint32(at, sec, le);
  v.setUint32(at + 4, frac, le);
  v.setUint32(at + 8, r.data.length, le);
  v.setUint32(at + 12, r.originalLength ?? r.data.length, le);
  out.set(r.data, at + RECORD_HEADER);
  return at + RECORD_HEADER + r.data.length;
}

export function writePcap(records: readonly RecordToWrite[], o: PcapOptions = {}): Uint8Array {
  const size = records.reduce((n, r) => n + pcapRecordSize(r), PCAP_HEADER);
  const out = new Uint8Array(size);
  out.set(pcapFileHeader(o));
  let at = PCAP_HEADER;
  for (const r of records) at = encodePcapRecord(out, at, r, o);
  return out;
}

interface PcapngInterface {
  linkType?: number;
  name?: string;
  /** if_tsresol byte: 6 (microseconds, the default), 9 (nanoseconds), 0x80 | n for 2^-n. */
  tsresol?: number;
  snapLength?: number;
}

export interface PcapngOptions {
  littleEndian?: boolean;
  interfaces?: readonly PcapngInterface[];
}

const pad4 = (n: number) => (n + 3) & ~3;
const utf8 = new TextEncoder();

function block(type: number, body: Uint8Array, le: boolean): Uint8Array {
  const length = 12 + pad4(body.length);
  const out = new Uint8Array(length);
  const v = new DataView(out.buffer);
  v.setUint32(0, type, le);
  v.setUint32(4, length, le);
  out.set(body, 8);
  v.setUint32(length - 4, length, le);
  return out;
}

function option(code: number, value: Uint8Array, le: boolean): Uint8Array {
  const out = new Uint8Array(4 + pad4(value.length));
  const v = new DataView(out.buffer);
  v.setUint16(0, code, le);
  v.setUint16(2, value.length, le);
  out.set(value, 4);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function unitsPerSecond(tsresol: number): number {
  return tsresol & 0x80 ? 2 ** (tsresol & 0x7f) : 10 ** tsresol;
}

export function writePcapng(records: readonly RecordToWrite[], o: PcapngOptions = {}): Uint8Array {
  const le = o.littleEndian ?? true;
  const interfaces = o.interfaces ?? [{}];
  const shb = new Uint8Array(16);
  const sv = new DataView(shb.buffer);
  sv.setUint32(0, 0x1a2b3c4d, le);
  sv.setUint16(4, 1, le);
  sv.setUint16(6, 0, le);
  sv.setInt32(8, -1, le); // section length unknown (64 bits of 1s)
  sv.setInt32(12, -1, le);
  const parts = [block(0x0a0d0d0a, shb, le)];
  for (const i of interfaces) {
    const head = new Uint8Array(8);
    const hv = new DataView(head.buffer);
    hv.setUint16(0, i.linkType ?? 1, le);
    hv.setUint32(4, i.snapLength ?? 262144, le);
    const opts: Uint8Array[] = [];
    if (i.name !== undefined) opts.push(option(2, utf8.encode(i.name), le));
    if (i.tsresol !== undefined) opts.push(option(9, Uint8Array.of(i.tsresol), le));
    if (opts.length > 0) opts.push(new Uint8Array(4)); // opt_endofopt
    parts.push(block(1, concat([head, ...opts]), le));
  }
  for (const r of records) {
    const id = r.interfaceId ?? 0;
    const units = BigInt(Math.round(r.ts * unitsPerSecond(interfaces[id]?.tsresol ?? 6)));
    const head = new Uint8Array(20);
    const hv = new DataView(head.buffer);
    hv.setUint32(0, id, le);
    hv.setUint32(4, Number(units >> 32n), le);
    hv.setUint32(8, Number(units & 0xffffffffn), le);
    hv.setUint32(12, r.data.length, le);
    hv.setUint32(16, r.originalLength ?? r.data.length, le);
    parts.push(block(6, concat([head, r.data]), le));
  }
  return concat(parts);
}
