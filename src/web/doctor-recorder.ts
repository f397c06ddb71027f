// Records the doctor's report of the live host in the store: at start, every interval, and
// when an incident opens, so the dashboard can show what the host looked like then. The doctor
// runs in a worker thread (it runs commands synchronously); one run at a time, others skipped.
import type { Silence } from "../doctor/engine.js";
import type { Incident } from "../events/types.js";
import type { Store } from "../store/store.js";
import { runDoctor } from "./doctor-run.js";

export class DoctorRecorder {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly seenIncidents = new Set<number>();
  /** Reports written, for tests and the log. */
  written = 0;

  constructor(
    private readonly store: Store,
    private readonly o: {
      intervalMs: number;
      root?: string;
      silences?: Silence[];
      problem: (message: string) => void;
      /** Runs the doctor (default: in a worker thread); tests wrap it to count the runs. */
      run?: typeof runDoctor;
    },
  ) {}

  start(): void {
    void this.record();
    this.timer = setInterval(() => void this.record(), this.o.intervalMs);
    this.timer.unref();
  }

  /** The watcher's incident listener: a new id means an incident opened. */
  incident(i: Incident): void {
    if (this.seenIncidents.has(i.id)) return;
    this.seenIncidents.add(i.id);
    if (i.closed_ms === null) void this.record();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async record(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const runner = this.o.run ?? runDoctor;
      const run = await runner(this.o.root ?? "/", { silences: this.o.silences ?? [] });
      this.store.addDoctorReport({
        t_ms: run.t_ms,
        status: run.status,
        // The cabling at that moment, too: where each member was when an incident opened.
        report: {
          findings: run.findings,
          unseen: run.unseen,
          ...(run.neighbours === undefined ? {} : { neighbours: run.neighbours }),
        },
      });
      this.written++;
    } catch (err) {
      this.o.problem(`doctor report not recorded: ${(err as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
