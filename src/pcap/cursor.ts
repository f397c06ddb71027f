// A bounds-checked reader over one frame's bytes: every decoder in src/pcap reads through one.
// Pure: no I/O. A read past the end throws DecodeError; `attempt` turns it into data.
//
// Speed: a frame's cursor reads the chunk the frame sits in through the chunk's DataView
// (making a DataView, or even a subarray, per frame costs more than decoding most headers);
// `base` is where the frame starts, and every offset a decoder sees is relative to it.

/**
 * Where and why bytes could not be decoded: `offset` counts from the start of the frame.
 * Made without a stack trace: it is bad input turned into data by `attempt`, not a bug to
 * trace, and capturing a stack cost about 3 µs, per frame of a capture full of empty records.
 */
export class DecodeError extends Error {
  override name = "DecodeError";
  readonly offset: number;
  readonly field: string;
  /** The bytes ran out (rather than a field holding an impossible value). */
  readonly truncated: boolean;
  constructor(offset: number, field: string, message?: string, truncated = false) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message ?? `cannot read ${field} at offset ${offset}`);
    Error.stackTraceLimit = limit;
    this.offset = offset;
    this.field = field;
    this.truncated = truncated;
  }
}

/** What a decoder returns instead of throwing: which protocol, where in the frame, which field. */
export interface Malformed {
  kind: "malformed";
  protocol: string;
  offset: number;
  field: string;
  message: string;
  /** The frame ended inside this protocol's header (see DecodeError.truncated). */
  truncated: boolean;
}

export class ByteCursor {
  /** The buffer the frame is in (the whole chunk, or just the frame). */
  readonly bytes: Uint8Array;
  /** A DataView over `bytes` (same start). */
  readonly view: DataView;
  /** Where the frame starts in `bytes`; `offset` and `end` count from here. */
  readonly base: number;
  offset: number;
  /** Reads stop here (exclusive); never past the end of `bytes`. */
  end: number;
  readonly littleEndian: boolean;

  constructor(
    bytes: Uint8Array,
    offset = 0,
    end = bytes.length,
    littleEndian = false,
    view?: DataView,
    base = 0,
  ) {
    this.bytes = bytes;
    this.view = view ?? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.base = base;
    this.offset = offset;
    this.end = Math.min(end, bytes.length - base);
    this.littleEndian = littleEndian;
  }

  get remaining(): number {
    return this.end > this.offset ? this.end - this.offset : 0;
  }

  private need(n: number, field: string): number {
    const at = this.offset;
    if (n < 0 || at + n > this.end) {
      throw new DecodeError(
        at,
        field,
        `${field}: need ${n} bytes at offset ${at}, have ${this.remaining}`,
        true,
      );
    }
    this.offset = at + n;
    return at;
  }

  u8(field: string): number {
    return this.view.getUint8(this.base + this.need(1, field));
  }

  u16(field: string, littleEndian = this.littleEndian): number {
    return this.view.getUint16(this.base + this.need(2, field), littleEndian);
  }

  u32(field: string, littleEndian = this.littleEndian): number {
    return this.view.getUint32(this.base + this.need(4, field), littleEndian);
  }

  /** A 48-bit MAC address as a number (exact in a double): cheap to compare and to count. */
  mac(field: string): number {
    const at = this.base + this.need(6, field);
    return this.view.getUint16(at) * 4294967296 + this.view.getUint32(at + 2);
  }

  /** A view (not a copy) of the next n bytes. */
  bytesOf(n: number, field: string): Uint8Array {
    const at = this.base + this.need(n, field);
    return this.bytes.subarray(at, at + n);
  }

  skip(n: number, field: string): void {
    this.need(n, field);
  }

  /** A cursor over the next n bytes (same buffer, same offsets), and move past them. */
  sub(n: number, field: string): ByteCursor {
    const at = this.need(n, field);
    return new ByteCursor(this.bytes, at, at + n, this.littleEndian, this.view, this.base);
  }

  /** A cursor over what is left, bounded to at most n bytes, without moving this one. */
  rest(n = this.remaining): ByteCursor {
    const end = this.offset + Math.min(n, this.remaining);
    return new ByteCursor(this.bytes, this.offset, end, this.littleEndian, this.view, this.base);
  }
}

/**
 * Run `decode(c)`; a DecodeError becomes a Malformed value naming `protocol`, anything else is
 * a bug and rethrown. Takes a function reference (no closure) so the hot path allocates nothing.
 */
export function attempt<T>(
  protocol: string,
  c: ByteCursor,
  decode: (c: ByteCursor) => T,
): T | Malformed {
  try {
    return decode(c);
  } catch (e) {
    return malformedOf(protocol, e);
  }
}

/** The Malformed value for a caught DecodeError; rethrows anything else (a bug, not bad input). */
function malformedOf(protocol: string, e: unknown): Malformed {
  if (!(e instanceof DecodeError)) throw e;
  const { offset, field, message, truncated } = e;
  return { kind: "malformed", protocol, offset, field, message, truncated };
}
