// Probes through one member interface to one target, like in.mpathd. Two implementations
// keep one contract (probe/path.ts): the native prober (raw sockets, no process per path)
// where its addon loads and may open raw sockets, else long-lived ping/arping processes.
import {
  chooseLinkEvents,
  type LinkEventsChoice,
  type ProberChoice,
} from "./probe/native-addon.js";
import { NativeProber } from "./probe/native-prober.js";
import type { PathProber, ProbePath, ProberCallbacks } from "./probe/path.js";
import { PingProber } from "./probe/ping-prober.js";

export type { ProberChoice } from "./probe/native-addon.js";
export { chooseProber } from "./probe/native-addon.js";
export type { PathProber, ProbePath } from "./probe/path.js";

export function createProber(
  choice: ProberChoice,
  path: ProbePath,
  intervalMs: number,
  cb: ProberCallbacks,
): PathProber {
  if (choice.kind === "native") return new NativeProber(choice.addon, path, intervalMs, cb);
  return new PingProber(path, intervalMs, cb);
}

/** One line for logs and status: which prober runs, where link events come from, and why. */
export function describeProber(
  choice: ProberChoice,
  links: LinkEventsChoice = chooseLinkEvents(),
): string {
  const prober =
    choice.kind === "native"
      ? `prober: native (${choice.reason})`
      : `prober: ping/arping (${choice.reason})`;
  const events =
    links.kind === "netlink"
      ? `link events: native (${links.reason})`
      : `link events: ip monitor (${links.reason})`;
  return `${prober}; ${events}`;
}
