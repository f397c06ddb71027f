// Incidents in the order someone on call wants them: open before closed, then the most
// severe, then the newest.
import type { ApiIncident } from "../api.js";

const RANK = { critical: 0, warning: 1, info: 2 } as const;

export function sortIncidents(list: ApiIncident[]): ApiIncident[] {
  return [...list].sort(
    (a, b) =>
      Number(a.closed_ms !== null) - Number(b.closed_ms !== null) ||
      RANK[a.severity] - RANK[b.severity] ||
      b.opened_ms - a.opened_ms,
  );
}
