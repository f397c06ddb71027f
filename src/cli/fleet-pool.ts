// Diagnose many roots with a few worker threads; results come back in input order.
// Every tarball unpacks under one temp dir of this run, removed at the end and on
// SIGINT/SIGTERM (which also end a tar in progress), so an interrupted run leaves nothing behind.
import type { Worker } from "node:worker_threads";
import type { DoctorReport } from "../doctor/engine.js";
import type { HostOutcome } from "../doctor/fleet.js";
import { makeRunTemp, removeTree, sweepStaleRunTemps } from "../host/read/run-temp.js";
import { startWorker } from "../lib/worker.js";
import { signalChildren } from "./children.js";
import type { PlannedRoot } from "./fleet-roots.js";
import type { FleetJob } from "./fleet-worker.js";

export interface FleetRunOptions {
  config?: string;
  /** Roots read at once. */
  jobs: number;
  /**
   * Caps each worker's heap (MB). A root that needs more kills only its worker: that root
   * is reported as failed and a fresh worker takes the rest. Default: Node's own limit.
   */
  workerHeapMb?: number;
}

type WorkerReply = { index: number; report: DoctorReport } | { index: number; error: string };

const WORKER = new URL("./fleet-worker.js", import.meta.url);

export async function diagnoseFleet(
  roots: readonly PlannedRoot[],
  options: FleetRunOptions,
): Promise<HostOutcome[]> {
  const outcomes: (HostOutcome | undefined)[] = roots.map((r) =>
    r.error !== undefined ? { kind: "error", root: r.root, error: r.error } : undefined,
  );
  const queue = roots.flatMap((r, index) =>
    r.error === undefined ? [{ index, root: r.root }] : [],
  );
  if (queue.length === 0) return outcomes as HostOutcome[];

  sweepStaleRunTemps();
  const runTmp = makeRunTemp("fleet");
  const workers = new Set<Worker>();
  const cleanup = () => removeTree(runTmp);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    const code = signal === "SIGINT" ? 130 : 143;
    if (stopping) {
      // A second Ctrl-C: do not wait for the workers any longer.
      cleanup();
      process.exit(code);
    }
    stopping = true;
    // A signal sent to node alone (kill PID, not the process group) does not reach tar, and a
    // worker blocked on it cannot stop: end the unpacking, then the workers, so that no tar
    // is still writing into runTmp while it is removed.
    signalChildren("SIGTERM");
    void Promise.allSettled([...workers].map((w) => w.terminate())).then(() => {
      cleanup();
      process.exit(code);
    });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    await new Promise<void>((resolve) => {
      let pending = queue.length;
      const settle = (index: number, outcome: HostOutcome) => {
        outcomes[index] = outcome;
        if (--pending === 0) resolve();
      };
      const start = () => {
        const worker = startWorker(WORKER, {
          workerData: { config: options.config },
          env: { ...process.env, TMPDIR: runTmp },
          ...(options.workerHeapMb === undefined
            ? {}
            : { resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb } }),
        });
        workers.add(worker);
        let current: FleetJob | undefined;
        const next = () => {
          // Once a signal came, no new root is started.
          current = stopping ? undefined : queue.shift();
          if (current === undefined) {
            workers.delete(worker);
            void worker.terminate();
          } else worker.postMessage(current);
        };
        worker.on("message", (reply: WorkerReply) => {
          const root = roots[reply.index]?.root ?? "";
          settle(
            reply.index,
            "report" in reply
              ? { kind: "report", root, report: reply.report }
              : { kind: "error", root, error: reply.error },
          );
          next();
        });
        // A worker that dies takes only its current root with it; a fresh one takes over.
        let failure: Error | undefined;
        worker.on("error", (err) => {
          failure = err;
        });
        worker.on("exit", (code) => {
          workers.delete(worker);
          if (current === undefined) return;
          const job = current;
          current = undefined;
          const why = failure?.message ?? `worker exited with code ${code}`;
          settle(job.index, {
            kind: "error",
            root: job.root,
            error: `linkguard failed on this root: ${why}`,
          });
          if (queue.length > 0 && !stopping) start();
        });
        next();
      };
      for (let i = 0; i < Math.min(options.jobs, queue.length); i++) start();
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await Promise.allSettled([...workers].map((w) => w.terminate()));
    cleanup();
  }
  return outcomes as HostOutcome[];
}
