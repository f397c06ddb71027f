// The tools a running watcher spawns besides `ip`: ping and arping (with stdbuf) only when
// the native prober cannot run and such paths exist, tcpdump only when something is captured
// or LLDP/CDP is heard without the native packet sockets.
// Checked at start, so a missing one is one error naming its package, not a silent gap.

import type { Tool } from "../host/tools.js";
import type { NeighbourFramesChoice } from "../runtime/probe/native-addon.js";
import type { ProbePath, ProberChoice } from "../runtime/prober.js";

export function neededTools(
  prober: ProberChoice["kind"],
  probes: readonly ProbePath[],
  captureInterfaces: readonly string[],
): Tool[] {
  const spawned = (kind: ProbePath["kind"]) =>
    prober === "ping" && probes.some((p) => p.kind === kind);
  return [
    ...(spawned("icmp") ? (["ping"] as const) : []),
    ...(spawned("arp") ? (["arping", "stdbuf"] as const) : []),
    ...(captureInterfaces.length > 0 ? (["tcpdump"] as const) : []),
  ];
}

/** LLDP/CDP listening spawns a tcpdump per member only in the fallback. */
export function neighbourTools(listener: NeighbourFramesChoice["kind"]): Tool[] {
  return listener === "tcpdump" ? ["tcpdump"] : [];
}
