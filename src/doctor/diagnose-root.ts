// Diagnose one root: open it (live "/", a snapshot or sosreport dir, or a tarball), read the
// host, run the rules. The doctor's one entry that does I/O (through host/read); every other
// file in doctor/ is pure. Throws RootError when the root cannot be opened or is not a host.
import { notAHost } from "../host/read/host-markers.js";
import { openRoot, RootError } from "../host/read/open-root.js";
import { readHost } from "../host/read/read-host.js";
import { type DoctorReport, diagnose, type Silence } from "./engine.js";

export function diagnoseRoot(given: string, silences: readonly Silence[] = []): DoctorReport {
  const opened = openRoot(given);
  try {
    const why = notAHost(opened.dir, given);
    if (why) throw new RootError(why);
    const snapshot = readHost(opened.dir, { live: given === "/" });
    const report = diagnose(snapshot, { silences });
    report.root = opened.given;
    return report;
  } finally {
    opened.close();
  }
}
