// The one line the watch daemon writes once every part runs: what it probes, where its
// outputs are, and which prober it uses. Pure.

export interface RunningParts {
  probePaths: number;
  targets: string[];
  /** The store's file, or null when there is no store. */
  store: string | null;
  /** HOST:PORT of /metrics, or null. */
  metrics: string | null;
  dashboardUrl: string | null;
  neighbours: {
    members: readonly string[];
    announcing: readonly string[];
    /** How frames are heard: "native (...)" or "tcpdump (...)". */
    listener: string;
  } | null;
  /** describeProber's text. */
  prober: string;
}

export function startLine(p: RunningParts): string {
  const where = [
    p.store !== null ? `store ${p.store}` : "no store",
    p.metrics !== null ? `metrics http://${p.metrics}/metrics` : "no metrics",
    p.dashboardUrl !== null ? `dashboard ${p.dashboardUrl}` : "no dashboard",
    p.neighbours
      ? `LLDP/CDP heard on ${p.neighbours.members.join(", ")} (listener: ${p.neighbours.listener})`
      : "no LLDP/CDP listening",
    ...(p.neighbours && p.neighbours.announcing.length > 0
      ? [`LLDP sent on ${p.neighbours.announcing.join(", ")}`]
      : []),
  ];
  return `linkguard watch: ${p.probePaths} probe paths (${p.targets.join(", ") || "no targets"}), ${where.join(", ")}; ${p.prober}\n`;
}
