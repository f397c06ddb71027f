// One worker of a fleet run: diagnoses the roots the main thread posts, one at a time.
// Its TMPDIR is the run's own temp dir, so tarballs unpack where the main thread can
// remove them even when the run is interrupted.
import { parentPort, workerData } from "node:worker_threads";
import { ConfigError, loadConfig, silencesOf } from "../config/config.js";
import { diagnoseRoot } from "../doctor/diagnose-root.js";
import { RootError } from "../host/read/open-root.js";

export interface FleetJob {
  index: number;
  root: string;
}

const { config } = workerData as { config?: string };

parentPort?.on("message", async (job: FleetJob) => {
  try {
    const report = await diagnoseRoot(job.root, silencesOf(loadConfig(config)));
    parentPort?.postMessage({ index: job.index, report });
  } catch (err) {
    const known = err instanceof RootError || err instanceof ConfigError;
    const message = (err as Error).message;
    parentPort?.postMessage({
      index: job.index,
      error: known ? message : `linkguard failed on this root: ${message}`,
    });
  }
});
