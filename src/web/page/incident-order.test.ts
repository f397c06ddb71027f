import assert from "node:assert/strict";
import { it } from "node:test";
import type { ApiIncident } from "../api.js";
import { sortIncidents } from "./incident-order.js";

function incident(id: number, fields: Partial<ApiIncident>): ApiIncident {
  const base: ApiIncident = {
    id,
    opened_ms: id * 1000,
    closed_ms: null,
    severity: "warning",
    title: `incident ${id}`,
    explanation: "",
    subjects: [],
    event_ids: [],
    captures: [],
    host: "h",
  };
  return { ...base, ...fields };
}

it("lists open incidents first, then the most severe, then the newest", () => {
  const list = [
    incident(1, { closed_ms: 5000, severity: "critical" }),
    incident(2, { severity: "info" }),
    incident(3, { severity: "critical" }),
    incident(4, { severity: "critical" }),
    incident(5, { closed_ms: 9000 }),
  ];
  assert.deepEqual(
    sortIncidents(list).map((i) => i.id),
    [4, 3, 2, 1, 5],
  );
});
