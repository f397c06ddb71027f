// Is a root a host at all? A live root, a sosreport and a linkguard snapshot all hold at least
// one of these; an empty directory, a documentation folder or a typo holds none.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { SNAPSHOT_MARKER } from "./read-host.js";

/** What a host root holds (the sosreport / snapshot layout). */
const HOST_MARKERS = ["proc", "sys", "etc", "sos_commands", SNAPSHOT_MARKER] as const;

/** undefined when `dir` looks like a host; else the reason, for an exit-3 message. */
export function notAHost(dir: string, given: string): string | undefined {
  if (HOST_MARKERS.some((m) => existsSync(join(dir, m)))) return undefined;
  return `not a host: none of ${HOST_MARKERS.map((m) => (m.includes(".") ? m : `${m}/`)).join(", ")} is in ${given}`;
}
