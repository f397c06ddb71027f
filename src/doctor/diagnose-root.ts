// Diagnose one root: open it (live "/", a snapshot or sosreport dir, or a tarball), read the
// host, run the rules. The doctor's one entry that does I/O (through host/read); every other
// file in doctor/ is pure. Rejects with RootError when the root cannot be opened or is not a
// host.
import type { HostSnapshot } from "../host/model.js";
import type { LinkNeighbour } from "../host/neighbour.js";
import { notAHost } from "../host/read/host-markers.js";
import { type OpenRootOptions, openRoot, RootError } from "../host/read/open-root.js";
import { readHost } from "../host/read/read-host.js";
import { mergeNeighbours } from "../host/read/read-neighbours.js";
import { type DoctorReport, diagnose, type Silence } from "./engine.js";

/** Neighbours from `doctor --pcap`: they win over the host's own for their interfaces. */
export interface CapturedNeighbours {
  neighbours: LinkNeighbour[];
  unseen: string[];
}

/** Diagnose one root (see above): its report. */
export async function diagnoseRoot(
  given: string,
  silences: readonly Silence[] = [],
  options: OpenRootOptions = {},
  captured?: CapturedNeighbours,
): Promise<DoctorReport> {
  return (await examineRoot(given, silences, options, captured)).report;
}

/** Diagnose one root, and keep the snapshot the report was made from (the web's health groups). */
export async function examineRoot(
  given: string,
  silences: readonly Silence[] = [],
  options: OpenRootOptions = {},
  captured?: CapturedNeighbours,
): Promise<{ report: DoctorReport; snapshot: HostSnapshot }> {
  const opened = await openRoot(given, options);
  try {
    const why = notAHost(opened.dir, given);
    if (why) throw new RootError(why);
    const snapshot = readHost(opened.dir, { live: opened.given === "/" });
    // Evidence and fixes name paths inside the sosreport, not the temp dir it unpacked to.
    snapshot.root = opened.shownAs;
    if (captured) {
      snapshot.neighbours = mergeNeighbours(captured.neighbours, snapshot.neighbours);
      snapshot.unseen.push(...captured.unseen);
    }
    const report = diagnose(snapshot, { silences });
    report.root = opened.given;
    return { report, snapshot };
  } finally {
    opened.close();
  }
}
