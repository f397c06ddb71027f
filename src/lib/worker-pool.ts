// Jobs run by a few worker threads, answers in the jobs' order. A worker that dies (out of
// heap, a crash) or overruns the time limit takes only its current job with it; a fresh worker
// takes the rest. The worker file serves the jobs with `serveJobs`.
import { parentPort, type Worker } from "node:worker_threads";
import { startWorker } from "./worker.js";

export type JobOutcome<R> =
  | { kind: "done"; value: R }
  /** threw: the job's own error; died: its worker ended; stopped: never started (stop()). */
  | { kind: "threw" | "died" | "timed-out" | "stopped"; error: string };

export interface PoolOptions {
  /** Workers at once (at most one per job). */
  workers: number;
  /** The same for every worker (`workerData` in the worker file). */
  workerData?: unknown;
  env?: NodeJS.ProcessEnv;
  /** Caps each worker's heap (MB); a job that needs more ends its worker. */
  heapMb?: number;
  /** A job that runs longer ends its worker and times out. */
  timeoutMs?: number;
}

export interface PoolRun<R> {
  /** One outcome per job, in the jobs' order. */
  done: Promise<JobOutcome<R>[]>;
  /** Start no further job and end every worker; resolves when they have ended. */
  stop(): Promise<void>;
}

type Request<J> = { id: number; job: J };
type Reply<R> = { id: number; value: R } | { id: number; error: string };

export function runPool<J, R>(script: URL, jobs: readonly J[], options: PoolOptions): PoolRun<R> {
  const outcomes: (JobOutcome<R> | undefined)[] = jobs.map(() => undefined);
  const queue: Request<J>[] = jobs.map((job, id) => ({ id, job }));
  const workers = new Set<Worker>();
  let stopping = false;
  let pending = jobs.length;
  let finish: () => void = () => undefined;
  const done = new Promise<JobOutcome<R>[]>((resolve) => {
    finish = () => resolve(outcomes as JobOutcome<R>[]);
  });
  const settle = (id: number, outcome: JobOutcome<R>) => {
    if (outcomes[id] !== undefined) return;
    outcomes[id] = outcome;
    if (--pending === 0) finish();
  };

  const start = () => {
    const worker = startWorker(script, {
      workerData: options.workerData,
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.heapMb === undefined
        ? {}
        : { resourceLimits: { maxOldGenerationSizeMb: options.heapMb } }),
    });
    workers.add(worker);
    let current: Request<J> | undefined;
    let timer: NodeJS.Timeout | undefined;
    const next = () => {
      current = stopping ? undefined : queue.shift();
      if (current === undefined) {
        workers.delete(worker);
        void worker.terminate();
        return;
      }
      worker.postMessage(current);
      const { timeoutMs } = options;
      if (timeoutMs === undefined) return;
      const job = current;
      timer = setTimeout(() => {
        current = undefined;
        settle(job.id, {
          kind: "timed-out",
          error: `did not finish within ${timeoutMs / 1000} s`,
        });
        void worker.terminate();
      }, timeoutMs);
    };
    worker.on("message", (reply: Reply<R>) => {
      if (current === undefined || reply.id !== current.id) return; // late, after a time-out
      clearTimeout(timer);
      settle(
        reply.id,
        "value" in reply
          ? { kind: "done", value: reply.value }
          : { kind: "threw", error: reply.error },
      );
      next();
    });
    let failure: Error | undefined;
    worker.on("error", (err) => {
      failure = err;
    });
    worker.on("exit", (code) => {
      clearTimeout(timer);
      workers.delete(worker);
      if (current !== undefined) {
        const why = failure?.message ?? `the worker exited with code ${code}`;
        settle(current.id, { kind: "died", error: why });
        current = undefined;
      }
      if (queue.length > 0 && !stopping) start();
    });
    next();
  };

  if (jobs.length === 0) finish();
  for (let i = 0; i < Math.min(options.workers, jobs.length); i++) start();
  return {
    done,
    stop: async () => {
      stopping = true;
      for (const r of queue.splice(0)) settle(r.id, { kind: "stopped", error: "stopped" });
      await Promise.allSettled([...workers].map((w) => w.terminate()));
    },
  };
}

/** In a worker file: answer each job the pool posts with `handler` (a throw is the job's error). */
export function serveJobs<J, R>(handler: (job: J) => R | Promise<R>): void {
  parentPort?.on("message", async ({ id, job }: Request<J>) => {
    let reply: Reply<R>;
    try {
      reply = { id, value: await handler(job) };
    } catch (err) {
      reply = { id, error: (err as Error).message };
    }
    parentPort?.postMessage(reply);
  });
}
