// The dashboard against hostile input: damaged store rows, path traversal, SQL in parameters.
// The store is a file, opened read-only as `serve` opens it; the app is asked without a port.
import assert from "node:assert/strict";
import { test } from "node:test";
import { incident, tempDbPath } from "../../test/support/store-data.js";
import { getJson, testApp, writeStore } from "../../test/support/web-server.js";
import type { IncidentsResponse } from "./api.js";

const NOW = Date.now();
const dbPath = tempDbPath();
writeStore(dbPath, (s) => {
  s.upsertIncident(incident(1, { opened_ms: NOW - 60_000, title: "eth0 went down" }));
  s.upsertIncident(incident(2, { opened_ms: NOW - 30_000, title: "damaged" }));
  s.upsertIncident(incident(3, { opened_ms: NOW - 10_000, title: "eth1 went down" }));
  s.flush();
  // A row another version (or a disk error) left behind: captures is not a list.
  s.db.prepare("UPDATE incidents SET captures = 'null', subjects = '{}' WHERE id = 2").run();
});

test("one malformed incident row is left out and named; the list still answers 200", async () => {
  const server = testApp({ store: dbPath });
  const r = await getJson<IncidentsResponse>(server, "/api/incidents");
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(
    r.body.incidents.map((i) => i.id),
    [3, 1],
  );
  assert.deepEqual(r.body.skipped, [{ id: 2, error: "subjects is not a list of names" }]);
});

test("withstood: path traversal in a capture name and SQL in parameters are refused as data", async () => {
  const server = testApp({ store: dbPath });
  for (const name of ["..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "incident-1-eth0.pcap%00"]) {
    const r = await getJson<{ error: string }>(server, `/api/captures/${name}`);
    assert.ok(r.status === 400 || r.status === 404, `${name}: ${r.status}`);
  }
  const sql = encodeURIComponent("eth0' OR 1=1 --");
  const events = await getJson<{ events: unknown[] }>(server, `/api/events?ifname=${sql}`);
  assert.ok(events.status === 200 || events.status === 400, String(events.status));
  if (events.status === 200) assert.deepEqual(events.body.events, []);
  const bad = await getJson<{ error: string }>(server, "/api/incidents?limit=1;DROP%20TABLE");
  assert.equal(bad.status, 400);
  const still = await getJson<IncidentsResponse>(server, "/api/incidents");
  assert.equal(still.body.incidents.length, 2, "the table is still there");
});
