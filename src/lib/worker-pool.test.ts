import assert from "node:assert/strict";
import { test } from "node:test";
import { runPool } from "./worker-pool.js";

// A worker file as a data: URL; it imports the pool's serveJobs by absolute URL.
const SERVE = new URL("./worker-pool.js", import.meta.url).href;
const WORKER = new URL(
  `data:text/javascript,${encodeURIComponent(`
import { serveJobs } from ${JSON.stringify(SERVE)};
serveJobs(async (job) => {
  if (job.do === "exit") process.exit(7);
  if (job.do === "throw") throw new Error("job " + job.n + " is bad");
  if (job.do === "hang") await new Promise(() => setInterval(() => {}, 1000));
  await new Promise((r) => setTimeout(r, job.ms ?? 0));
  return job.n * 2;
});
`)}`,
);

type Job = { n: number; do?: "exit" | "throw" | "hang"; ms?: number };

test("runPool answers every job, in the jobs' order, whichever worker finishes first", async () => {
  const jobs: Job[] = [
    { n: 1, ms: 150 },
    { n: 2, ms: 0 },
    { n: 3, ms: 50 },
    { n: 4, ms: 0 },
  ];
  const outcomes = await runPool<Job, number>(WORKER, jobs, { workers: 2 }).done;
  assert.deepEqual(
    outcomes,
    [2, 4, 6, 8].map((value) => ({ kind: "done", value })),
  );
});

test("a job that throws fails alone with its message; the same worker takes the next", async () => {
  const jobs: Job[] = [{ n: 1 }, { n: 2, do: "throw" }, { n: 3 }];
  const outcomes = await runPool<Job, number>(WORKER, jobs, { workers: 1 }).done;
  assert.deepEqual(outcomes, [
    { kind: "done", value: 2 },
    { kind: "threw", error: "job 2 is bad" },
    { kind: "done", value: 6 },
  ]);
});

test("a worker that dies takes only its current job; a fresh worker takes the rest", async () => {
  const jobs: Job[] = [{ n: 1 }, { n: 2, do: "exit" }, { n: 3 }, { n: 4 }];
  const outcomes = await runPool<Job, number>(WORKER, jobs, { workers: 1 }).done;
  assert.deepEqual(outcomes, [
    { kind: "done", value: 2 },
    { kind: "died", error: "the worker exited with code 7" },
    { kind: "done", value: 6 },
    { kind: "done", value: 8 },
  ]);
});

test("a job over the time limit ends its worker and times out; the next job still runs", async () => {
  const jobs: Job[] = [{ n: 1, do: "hang" }, { n: 2 }];
  const outcomes = await runPool<Job, number>(WORKER, jobs, { workers: 1, timeoutMs: 300 }).done;
  assert.deepEqual(outcomes, [
    { kind: "timed-out", error: "did not finish within 0.3 s" },
    { kind: "done", value: 4 },
  ]);
});

test("stop() starts no further job: those not started are 'stopped'", async () => {
  const jobs: Job[] = [{ n: 1, ms: 200 }, { n: 2 }, { n: 3 }];
  const run = runPool<Job, number>(WORKER, jobs, { workers: 1 });
  await run.stop();
  const outcomes = await run.done;
  assert.deepEqual(
    outcomes.slice(1),
    [2, 3].map(() => ({ kind: "stopped", error: "stopped" })),
  );
  assert.equal(outcomes[0]?.kind, "died", "the job in progress ends with its worker");
});

test("no jobs: no worker, and an empty answer", async () => {
  assert.deepEqual(await runPool(WORKER, [], { workers: 4 }).done, []);
});
