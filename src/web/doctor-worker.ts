// Runs the doctor off the main thread: reading the live host runs commands synchronously
// (ip, ethtool), which must not stall the watcher's sampling or the web server.
import { workerData } from "node:worker_threads";
import { examineRoot } from "../doctor/diagnose-root.js";
import type { Silence } from "../doctor/engine.js";
import { serveJobs } from "../lib/worker-pool.js";
import type { DoctorRun } from "./doctor-run.js";
import { hostGroups } from "./host-groups.js";

const { silences } = workerData as { silences: Silence[] };

serveJobs(async (root: string): Promise<DoctorRun> => {
  const { report, snapshot } = await examineRoot(root, silences);
  return {
    t_ms: Date.now(),
    status: report.status,
    findings: report.findings,
    unseen: report.unseen,
    groups: hostGroups(snapshot, report.findings),
    ...(report.neighbours === undefined ? {} : { neighbours: report.neighbours }),
  };
});
