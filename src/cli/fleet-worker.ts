// One worker of a fleet run: diagnoses the roots the main thread posts, one at a time.
// Its TMPDIR is the run's own temp dir, so tarballs unpack where the main thread can
// remove them even when the run is interrupted.
import { workerData } from "node:worker_threads";
import { diagnoseRoot } from "../doctor/diagnose-root.js";
import type { DoctorReport, Silence } from "../doctor/engine.js";
import { RootError } from "../host/read/open-root.js";
import { serveJobs } from "../lib/worker-pool.js";

export type FleetReply = { report: DoctorReport } | { error: string };

const { silences } = workerData as { silences: Silence[] };

serveJobs(async (root: string): Promise<FleetReply> => {
  try {
    return { report: await diagnoseRoot(root, silences) };
  } catch (err) {
    const message = (err as Error).message;
    return {
      error: err instanceof RootError ? message : `linkguard failed on this root: ${message}`,
    };
  }
});
