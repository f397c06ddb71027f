// The fleet --json form; its schema is docs/doctor-fleet.schema.json.
import type { Fleet, FleetHost } from "../fleet.js";

const FLEET_SCHEMA_ID = "linkguard/doctor-fleet/v1";

function hostJson(h: FleetHost) {
  const r = h.report;
  return {
    root: h.root,
    ...(h.hostname !== undefined ? { hostname: h.hostname } : {}),
    ...(r !== undefined ? { origin: r.origin } : {}),
    status: h.status,
    exit: h.exit,
    ...(h.error !== undefined ? { error: h.error } : {}),
    findings: r?.findings ?? [],
    silenced: r?.silenced ?? [],
    unseen: r?.unseen ?? [],
  };
}

export function renderFleetJson(fleet: Fleet, version: string): string {
  const doc = {
    $schema: FLEET_SCHEMA_ID,
    version,
    hosts: fleet.hosts.map(hostJson),
    rules: fleet.rules,
    summary: fleet.summary,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
