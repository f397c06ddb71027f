// /api/info, /api/series, /api/events, /api/incidents: the store's history as the contract says.
import { hostname } from "node:os";
import type Database from "better-sqlite3";
import type { Hono } from "hono";
import { VERSION } from "../config/version.js";
import { storedInterfaces, storeRange } from "../store/live.js";
import { listEvents, listIncidents } from "../store/queries.js";
import type { ApiIncident, EventsResponse, IncidentsResponse, InfoResponse } from "./api.js";
import { apiEvent, apiIncident, malformedIncident } from "./api-rows.js";
import type { AppDeps } from "./app-deps.js";
import { ifnamesParam, intParam, windowParams } from "./params.js";
import { DEFAULT_POINTS, emptySeries, MAX_POINTS, querySeries } from "./series.js";

const HOUR = 3600_000;

function storeInfo(
  db: Database.Database,
): Pick<InfoResponse, "first_ms" | "last_ms" | "interfaces"> {
  const range = storeRange(db);
  const names = storedInterfaces(db);
  return { first_ms: range.first, last_ms: range.last, interfaces: names };
}

export function timelineRoutes(app: Hono, deps: AppDeps): void {
  app.get("/api/info", (c) => {
    const db = deps.store.get();
    const body: InfoResponse = {
      host: deps.host ?? hostname(),
      version: VERSION,
      now_ms: deps.now(),
      store: db === null ? null : deps.store.path,
      ...(db === null ? { first_ms: null, last_ms: null, interfaces: [] } : storeInfo(db)),
    };
    return c.json(body);
  });

  app.get("/api/series", (c) => {
    const q = (n: string) => c.req.query(n);
    const now = deps.now();
    const w = windowParams(q, now, HOUR);
    const query = {
      ...w,
      ifnames: ifnamesParam(q),
      points: intParam(q, "points", 2, MAX_POINTS) ?? DEFAULT_POINTS,
    };
    const db = deps.store.get();
    return c.json(db === null ? emptySeries(query, now) : querySeries(db, query, now));
  });

  app.get("/api/events", (c) => {
    const q = (n: string) => c.req.query(n);
    const w = windowParams(q, deps.now(), 24 * HOUR);
    const ifnames = ifnamesParam(q);
    const limit = intParam(q, "limit", 1, 10_000) ?? 1000;
    const db = deps.store.get();
    if (db === null) return c.json({ events: [], truncated: false } satisfies EventsResponse);
    const base = { since: w.from, until: w.to, limit: limit + 1 };
    const lists = (ifnames ?? [undefined]).map((ifname) => listEvents(db, { ...base, ifname }));
    const byId = new Map(lists.flat().map((e) => [e.id, e]));
    const all = [...byId.values()].sort((a, b) => a.t_ms - b.t_ms || (a.id ?? 0) - (b.id ?? 0));
    const events = all.slice(-limit).map(apiEvent);
    return c.json({ events, truncated: all.length > limit } satisfies EventsResponse);
  });

  app.get("/api/incidents", (c) => {
    const q = (n: string) => c.req.query(n);
    const w = windowParams(q, deps.now(), 7 * 24 * HOUR);
    const limit = intParam(q, "limit", 1, 10_000) ?? 500;
    const db = deps.store.get();
    if (db === null) return c.json({ incidents: [] } satisfies IncidentsResponse);
    const incidents: ApiIncident[] = [];
    const skipped: Array<{ id: number; error: string }> = [];
    // One damaged row must not take the whole list down: it is left out and named.
    for (const i of listIncidents(db, { since: w.from, until: w.to }).reverse()) {
      if (incidents.length >= limit) break;
      const error = malformedIncident(i);
      if (error === undefined) incidents.push(apiIncident(i));
      else skipped.push({ id: i.id, error });
    }
    return c.json(
      (skipped.length > 0 ? { incidents, skipped } : { incidents }) satisfies IncidentsResponse,
    );
  });
}
