// The pre-trigger ring: the last N seconds / M bytes of frames of one interface, in memory, so
// an incident's capture starts before the incident did. Pure.
export interface RingFrame {
  /** Epoch seconds. */
  ts: number;
  data: Uint8Array;
  originalLength: number;
}

export class PacketRing {
  private frames: RingFrame[] = [];
  private head = 0;
  private bytes = 0;
  /** Frames pushed out by the limits (not an error: that is what a ring does). */
  evicted = 0;

  constructor(
    private readonly seconds: number,
    private readonly maxBytes: number,
  ) {}

  /** Adds a frame (copied: the reader's chunk is reused) and drops what falls out. */
  push(ts: number, data: Uint8Array, originalLength: number): void {
    this.frames.push({ ts, data: data.slice(), originalLength });
    this.bytes += data.length;
    this.trim(ts);
  }

  private trim(now: number): void {
    while (this.head < this.frames.length) {
      const f = this.frames[this.head] as RingFrame;
      if (now - f.ts <= this.seconds && this.bytes <= this.maxBytes) break;
      this.bytes -= f.data.length;
      this.head++;
      this.evicted++;
    }
    // Compact now and then instead of shifting on every frame.
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.head = 0;
    }
  }

  /** What the ring holds now, oldest first. */
  contents(): RingFrame[] {
    return this.frames.slice(this.head);
  }

  get size(): number {
    return this.frames.length - this.head;
  }

  get byteSize(): number {
    return this.bytes;
  }
}
