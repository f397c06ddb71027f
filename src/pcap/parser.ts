// A push parser for captures: feed it chunks in file order, it calls `onPacket` for every whole
// frame, synchronously, with the frame's bytes still in the chunk (no copy). Only a record that
// straddles two chunks is copied, into a buffer of exactly its size; blocks it does not need
// are skipped without being buffered. Memory: one chunk plus the largest record.
//
// Errors: bad input never throws. The first malformed or truncated record stops the parser
// and is kept in `error` (byte offset and frame number); every frame before it was delivered.
import { ClassicPcap, PCAP_MICRO, PCAP_NANO } from "./classic.js";
import type { CaptureFormat, RecordScanner } from "./format.js";
import {
  type CaptureError,
  type CaptureInterface,
  DEFAULT_MAX_BLOCK_BYTES,
  FormatError,
  Packet,
} from "./packet.js";
import { PCAPNG_SHB, Pcapng } from "./pcapng.js";

export interface ParserOptions {
  /** Largest record or block accepted, in bytes (default 16 MiB). */
  maxBlockBytes?: number;
  /**
   * A fast lane shown each frame first (classic pcap): a frame it takes (returns true) is not
   * given to onPacket. It sees one Packet object refilled for every frame, so it must not keep
   * it; onPacket gets a Packet of its own.
   */
  lane?: (p: Packet) => boolean;
  /**
   * Instead of a lane: a native hot loop over classic pcap records (see RecordScanner). A
   * pcapng capture never uses it.
   */
  scanner?: RecordScanner;
}

const EMPTY = new Uint8Array(0);

export class CaptureParser {
  /** Frames delivered so far. */
  frames = 0;
  /** File offset of the first byte not yet consumed (a partial record counts as unconsumed). */
  position = 0;
  error: CaptureError | undefined;
  private format: CaptureFormat | undefined;
  /** A record being assembled across chunks: `carry[0..filled)` are its first bytes. */
  private carry = EMPTY;
  private filled = 0;
  private skipLeft = 0;
  /** Size of the record being skipped (for the truncation message). */
  private skipping = 0;
  private readonly onPacket: (p: Packet) => void;
  private readonly maxBlockBytes: number;
  private readonly lane: ((p: Packet) => boolean) | undefined;
  private readonly scanner: RecordScanner | undefined;
  private readonly scratch = new Packet(EMPTY, new DataView(EMPTY.buffer), 0, 0, 0, 0, 0, 0);

  constructor(onPacket: (p: Packet) => void, options: ParserOptions = {}) {
    this.onPacket = onPacket;
    this.maxBlockBytes = options.maxBlockBytes ?? DEFAULT_MAX_BLOCK_BYTES;
    this.lane = options.lane;
    this.scanner = options.scanner;
  }

  get formatName(): "pcap" | "pcapng" | undefined {
    return this.format?.name;
  }

  get interfaces(): CaptureInterface[] {
    return this.format?.interfaces ?? [];
  }

  push(chunk: Uint8Array): void {
    if (this.error !== undefined || chunk.length === 0) return;
    try {
      // A plain Uint8Array view: subarrays of a Node Buffer are Buffers, slower to make.
      this.consume(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      this.fail(e.offset, e.message);
    }
  }

  /** The source ended: a partial record left over is a truncation. Returns the error, if any. */
  end(): CaptureError | undefined {
    if (this.error !== undefined) return this.error;
    if (this.format === undefined) {
      this.fail(0, this.filled === 0 ? "empty capture" : "too short for a capture file header");
    } else if (this.skipLeft > 0) {
      const have = this.skipping - this.skipLeft;
      const at = this.position - have;
      this.fail(at, `truncated: the file ends ${have} bytes into a ${this.skipping}-byte block`);
    } else if (this.filled > 0) {
      const header = this.format.headerBytes();
      const what =
        this.filled < header
          ? `${this.filled} bytes into a ${header}-byte record header`
          : `${this.filled} bytes into a ${this.carry.length}-byte record`;
      this.fail(this.position, `truncated: the file ends ${what}`);
    }
    return this.error;
  }

  private fail(offset: number, message: string): void {
    this.error = { kind: "error", offset, frame: this.frames + 1, message };
  }

  private consume(chunk: Uint8Array): void {
    let pos = 0;
    if (this.skipLeft > 0) {
      pos = Math.min(this.skipLeft, chunk.length);
      this.skipLeft -= pos;
      this.position += pos;
      if (this.skipLeft > 0) return;
    }
    if (this.format === undefined) {
      pos = this.detect(chunk, pos);
      if (this.format === undefined) return;
    }
    if (this.filled > 0) {
      pos = this.completeCarry(chunk, pos);
      if (this.filled > 0 || this.skipLeft > 0 || pos >= chunk.length) return;
    }
    this.records(chunk, pos);
  }

  /** Gather the first 4 bytes (in `carry`) and choose the format from them. */
  private detect(chunk: Uint8Array, pos: number): number {
    const take = Math.min(4 - this.filled, chunk.length - pos);
    if (this.carry.length < 4) this.carry = new Uint8Array(4);
    this.carry.set(chunk.subarray(pos, pos + take), this.filled);
    this.filled += take;
    if (this.filled < 4) return pos + take;
    const v = new DataView(this.carry.buffer, 0, 4);
    const be = v.getUint32(0, false);
    const le = v.getUint32(0, true);
    const max = this.maxBlockBytes;
    if (be === PCAPNG_SHB) this.format = new Pcapng(max);
    else if (be === PCAP_MICRO || be === PCAP_NANO)
      this.format = new ClassicPcap(false, max, this.scanner);
    else if (le === PCAP_MICRO || le === PCAP_NANO)
      this.format = new ClassicPcap(true, max, this.scanner);
    else if (this.carry[0] === 0x1f && this.carry[1] === 0x8b) {
      throw new FormatError(0, "gzip-compressed: open it with openCapture");
    } else {
      throw new FormatError(0, `not a pcap or pcapng file (magic 0x${be.toString(16)})`);
    }
    return pos + take;
  }

  /** Add chunk bytes to the record in `carry`; process it when whole. Returns the new pos. */
  private completeCarry(chunk: Uint8Array, start: number): number {
    const format = this.format as CaptureFormat;
    let pos = start;
    while (this.filled > 0 && pos < chunk.length) {
      const header = format.headerBytes();
      const known = this.filled >= header;
      const target = known ? this.carry.length : header;
      const take = Math.min(target - this.filled, chunk.length - pos);
      if (this.carry.length < target) this.grow(target);
      this.carry.set(chunk.subarray(pos, pos + take), this.filled);
      this.filled += take;
      pos += take;
      if (this.filled < target) break;
      const view = new DataView(this.carry.buffer, this.carry.byteOffset, this.carry.length);
      if (!known) {
        const length = format.recordLength(view, 0, this.position);
        if (length > this.filled && format.skippable(view, 0)) {
          this.skipping = length;
          this.skipLeft = length - this.filled;
          this.position += this.filled;
          this.filled = 0;
          this.carry = EMPTY;
          const skipped = Math.min(this.skipLeft, chunk.length - pos);
          this.skipLeft -= skipped;
          this.position += skipped;
          return pos + skipped;
        }
        this.grow(length);
        if (length > this.filled) continue;
      }
      const length = this.carry.length;
      const bytes = this.carry;
      this.carry = EMPTY;
      this.filled = 0;
      this.handle(bytes, new DataView(bytes.buffer, bytes.byteOffset, length), 0, length);
    }
    return pos;
  }

  /** Resize `carry` to exactly n bytes, keeping what was filled. */
  private grow(n: number): void {
    if (this.carry.length === n) return;
    const next = new Uint8Array(n);
    next.set(this.carry.subarray(0, this.filled));
    this.carry = next;
  }

  /** The hot loop: whole records straight out of the chunk. */
  private records(chunk: Uint8Array, start: number): void {
    const format = this.format as CaptureFormat;
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const n = chunk.length;
    let pos = start;
    const lane = this.lane;
    const scanner = this.scanner;
    if (scanner !== undefined && format.scanWith !== undefined) {
      const scratch = this.scratch;
      scratch.index = this.frames;
      const end = format.scanWith(chunk, view, pos, scratch, scanner, this.onPacket);
      this.frames = scratch.index;
      this.position += end - pos;
      pos = end;
    } else if (lane !== undefined && format.scan !== undefined) {
      const scratch = this.scratch;
      scratch.index = this.frames;
      const end = format.scan(chunk, view, pos, scratch, lane, this.onPacket);
      this.frames = scratch.index;
      this.position += end - pos;
      pos = end;
    }
    for (;;) {
      const avail = n - pos;
      if (avail === 0) return;
      const header = format.headerBytes();
      if (avail < header) break;
      const length = format.recordLength(view, pos, this.position);
      if (avail < length) {
        if (format.skippable(view, pos)) {
          this.skipping = length;
          this.skipLeft = length - avail;
          this.position += avail;
          return;
        }
        this.carry = new Uint8Array(length);
        this.carry.set(chunk.subarray(pos));
        this.filled = avail;
        return;
      }
      this.handle(chunk, view, pos, length);
      pos += length;
    }
    this.carry = chunk.slice(pos);
    this.filled = this.carry.length;
  }

  private handle(bytes: Uint8Array, view: DataView, at: number, length: number): void {
    const format = this.format as CaptureFormat;
    const scanner = this.scanner;
    if (scanner !== undefined && format.scanWith !== undefined) {
      // A record carried over from the last chunk (or the file header, which it leaves).
      const scratch = this.scratch;
      scratch.index = this.frames;
      const end = format.scanWith(bytes, view, at, scratch, scanner, this.onPacket);
      if (end === at + length) {
        this.frames = scratch.index;
        this.position += length;
        return;
      }
    }
    const lane = this.lane;
    if (lane !== undefined && format.fill?.(this.scratch, bytes, view, at, length)) {
      const p = this.scratch;
      p.index = ++this.frames;
      this.position += length;
      if (!lane(p)) this.onPacket(p.copy());
      return;
    }
    const p = format.record(bytes, view, at, length, this.position);
    this.position += length;
    if (p === undefined) return;
    p.index = ++this.frames;
    this.onPacket(p);
  }
}
