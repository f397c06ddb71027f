// Diagnose many roots with a few worker threads; results come back in input order.
// Every tarball unpacks under one temp dir of this run, removed at the end and on
// SIGINT/SIGTERM (which also end a tar in progress), so an interrupted run leaves nothing behind.
import type { Silence } from "../doctor/engine.js";
import type { HostOutcome } from "../doctor/fleet.js";
import { makeRunTemp, removeTree, sweepStaleRunTemps } from "../host/read/run-temp.js";
import { runPool } from "../lib/worker-pool.js";
import { signalChildren } from "./children.js";
import type { PlannedRoot } from "./fleet-roots.js";
import type { FleetReply } from "./fleet-worker.js";

export interface FleetRunOptions {
  /** The config's silences, applied on every host. */
  silences?: Silence[];
  /** Roots read at once. */
  jobs: number;
  /**
   * Caps each worker's heap (MB). A root that needs more kills only its worker: that root
   * is reported as failed and a fresh worker takes the rest. Default: Node's own limit.
   */
  workerHeapMb?: number;
}

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
  const cleanup = () => removeTree(runTmp);
  const run = runPool<string, FleetReply>(
    WORKER,
    queue.map((q) => q.root),
    {
      workers: options.jobs,
      workerData: { silences: options.silences ?? [] },
      env: { ...process.env, TMPDIR: runTmp },
      ...(options.workerHeapMb === undefined ? {} : { heapMb: options.workerHeapMb }),
    },
  );
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
    void run.stop().then(() => {
      cleanup();
      process.exit(code);
    });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    const answers = await run.done;
    queue.forEach(({ index, root }, i) => {
      const a = answers[i];
      outcomes[index] =
        a?.kind !== "done"
          ? { kind: "error", root, error: `linkguard failed on this root: ${a?.error}` }
          : "report" in a.value
            ? { kind: "report", root, report: a.value.report }
            : { kind: "error", root, error: a.value.error };
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await run.stop();
    cleanup();
  }
  return outcomes as HostOutcome[];
}
