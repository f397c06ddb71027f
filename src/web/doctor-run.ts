// One doctor run on a root (live "/" or a snapshot), in a worker thread, bounded in time.
import type { CabledInterface } from "../doctor/cabling.js";
import type { Silence } from "../doctor/engine.js";
import { runPool } from "../lib/worker-pool.js";
import type { DoctorSnapshot, HealthGroup } from "./api.js";

export interface DoctorRun extends DoctorSnapshot {
  /** Bonds and DSR VIPs seen in the same snapshot. */
  groups: HealthGroup[];
  /** Which switch port each interface is cabled to (LLDP/CDP), when any is known. */
  neighbours?: CabledInterface[];
}

const WORKER = new URL("./doctor-worker.js", import.meta.url);

export async function runDoctor(
  root: string,
  options: { silences?: Silence[]; timeoutMs?: number } = {},
): Promise<DoctorRun> {
  const run = runPool<string, DoctorRun>(WORKER, [root], {
    workers: 1,
    workerData: { silences: options.silences ?? [] },
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  const [outcome] = await run.done;
  if (outcome?.kind === "done") return outcome.value;
  const why = outcome?.error ?? "no answer";
  throw new Error(outcome?.kind === "timed-out" ? `the doctor ${why}` : why);
}

/**
 * The latest run, refreshed at most every `maxAgeMs` on demand; one run at a time (a caller
 * arriving during a run waits for it).
 */
export class DoctorCache {
  private last: DoctorRun | null = null;
  private lastError: string | null = null;
  private lastAt = 0;
  private running: Promise<void> | null = null;

  constructor(
    private readonly root: string,
    private readonly maxAgeMs = 15_000,
    private readonly silences: Silence[] = [],
  ) {}

  async get(now = Date.now()): Promise<{ run: DoctorRun | null; error: string | null }> {
    if (now - this.lastAt >= this.maxAgeMs) {
      this.running ??= runDoctor(this.root, { silences: this.silences })
        .then(
          (r) => {
            this.last = r;
            this.lastError = null;
          },
          (err: Error) => {
            this.lastError = `${this.root}: ${err.message}`;
          },
        )
        .finally(() => {
          this.lastAt = Date.now();
          this.running = null;
        });
      await this.running;
    }
    return { run: this.last, error: this.lastError };
  }
}
