// Runs the doctor off the main thread: reading the live host runs commands synchronously
// (ip, ethtool), which must not stall the watcher's sampling or the web server.
import { parentPort, workerData } from "node:worker_threads";
import { diagnose, type Silence } from "../doctor/engine.js";
import { openRoot } from "../host/read/open-root.js";
import { readHost } from "../host/read/read-host.js";
import type { DoctorRun } from "./doctor-run.js";
import { hostGroups } from "./host-groups.js";

const { root, silences } = workerData as { root: string; silences: Silence[] };
let result: DoctorRun | { error: string };
try {
  const opened = await openRoot(root);
  try {
    const snapshot = readHost(opened.dir, { live: root === "/" });
    snapshot.root = opened.shownAs;
    const report = diagnose(snapshot, { silences });
    result = {
      t_ms: Date.now(),
      status: report.status,
      findings: report.findings,
      unseen: report.unseen,
      groups: hostGroups(snapshot, report.findings),
      ...(report.neighbours === undefined ? {} : { neighbours: report.neighbours }),
    };
  } finally {
    opened.close();
  }
} catch (err) {
  result = { error: (err as Error).message };
}
parentPort?.postMessage(result);
