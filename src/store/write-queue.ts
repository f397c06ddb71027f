// What the store has accepted but not yet committed. Samples and probes wait for the next
// batch; events, incidents, captures, doctor reports and neighbours are written at once and only queue
// here when a write failed.
// Bounded: when the disk stays full, the oldest rows go first and are counted.
import type { StoredDoctorReport } from "./doctor-reports.js";
import type { Row, Values } from "./rows.js";

export type PendingOp =
  | { kind: "event"; row: Row }
  | { kind: "incident"; row: Row }
  | { kind: "capture"; incidentId: number; path: string }
  | { kind: "doctor-report"; report: StoredDoctorReport }
  | { kind: "neighbour"; row: Row }
  | { kind: "neighbour-gone"; key: Row; atMs: number }
  | { kind: "neighbours-reset"; atMs: number };

export interface QueueLimits {
  /** Samples + probes held in memory at most (default 200 000, ~5 min of 64 interfaces at 10 Hz). */
  maxRows: number;
  /** Events, incident updates and captures held at most while writes fail (default 10 000). */
  maxOps: number;
}

export class WriteQueue {
  samples: Values[] = [];
  probes: Values[] = [];
  ops: PendingOp[] = [];
  dropped = 0;

  constructor(private readonly limits: QueueLimits) {}

  get rows(): number {
    return this.samples.length + this.probes.length;
  }

  get empty(): boolean {
    return this.rows === 0 && this.ops.length === 0;
  }

  pushSample(row: Values): void {
    this.samples.push(row);
    this.trimRows();
  }

  pushProbe(row: Values): void {
    this.probes.push(row);
    this.trimRows();
  }

  pushOp(op: PendingOp): void {
    this.ops.push(op);
    this.trimOps();
  }

  /** Take what one write attempt commits; `restore` puts it back in front if that fails. */
  take(opsOnly = false): { samples: Values[]; probes: Values[]; ops: PendingOp[] } {
    const batch = {
      samples: opsOnly ? [] : this.samples,
      probes: opsOnly ? [] : this.probes,
      ops: this.ops,
    };
    if (!opsOnly) {
      this.samples = [];
      this.probes = [];
    }
    this.ops = [];
    return batch;
  }

  restore(batch: { samples: Values[]; probes: Values[]; ops: PendingOp[] }): void {
    this.samples = batch.samples.concat(this.samples);
    this.probes = batch.probes.concat(this.probes);
    this.ops = batch.ops.concat(this.ops);
    this.trimRows();
    this.trimOps();
  }

  private trimOps(): void {
    const excess = this.ops.length - this.limits.maxOps;
    if (excess <= 0) return;
    this.ops.splice(0, excess);
    this.dropped += excess;
  }

  // Over the limit, the longer list loses its oldest rows, a tenth of the limit at a time
  // so a full disk does not cost an array shift per new sample.
  private trimRows(): void {
    if (this.rows <= this.limits.maxRows) return;
    let excess = this.rows - Math.floor(this.limits.maxRows * 0.9);
    this.dropped += excess;
    while (excess > 0) {
      const from = this.samples.length >= this.probes.length ? this.samples : this.probes;
      const n = Math.min(excess, from.length);
      from.splice(0, n);
      excess -= n;
    }
  }
}
