// One doctor run on a root (live "/" or a snapshot), in a worker thread, bounded in time.
import type { CabledInterface } from "../doctor/cabling.js";
import type { Silence } from "../doctor/engine.js";
import { startWorker } from "../lib/worker.js";
import type { DoctorSnapshot, HealthGroup } from "./api.js";

export interface DoctorRun extends DoctorSnapshot {
  /** Bonds and DSR VIPs seen in the same snapshot. */
  groups: HealthGroup[];
  /** Which switch port each interface is cabled to (LLDP/CDP), when any is known. */
  neighbours?: CabledInterface[];
}

export function runDoctor(
  root: string,
  options: { silences?: Silence[]; timeoutMs?: number } = {},
): Promise<DoctorRun> {
  const worker = startWorker(new URL("./doctor-worker.js", import.meta.url), {
    workerData: { root, silences: options.silences ?? [] },
  });
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise<DoctorRun>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`the doctor did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    worker.once("message", (m: DoctorRun | { error: string }) => {
      clearTimeout(timer);
      if ("error" in m) reject(new Error(m.error));
      else resolve(m);
    });
    worker.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    worker.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the doctor's worker exited with code ${code}`));
    });
  });
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
