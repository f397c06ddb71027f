// GET /api/stream: server-sent events. Each stream polls the store (every 500 ms) for events
// with a higher id and incidents that opened, changed or closed; sends `tick` at most once a
// second and a heartbeat comment every 15 s. Last-Event-ID resumes after a reconnect.
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import {
  changedIncidentRows,
  eventRowsAfter,
  lastEventId,
  lastSampleMs,
  openOrRecentIncidentRows,
} from "../store/live.js";
import { eventFromRow, incidentFromRow, type Row } from "../store/rows.js";
import { apiEvent, apiIncident } from "./api-rows.js";
import type { StoreHandle } from "./store-handle.js";

export interface StreamOptions {
  pollMs?: number;
  heartbeatMs?: number;
  maxStreams?: number;
}

/** What an incident looked like when last sent: a change in any of these is news. */
function signature(r: Row): string {
  return `${r.closed_ms}|${r.severity}|${r.title}|${r.event_ids}|${r.captures}`;
}

export function streamHandler(store: StoreHandle, now: () => number, o: StreamOptions = {}) {
  const pollMs = o.pollMs ?? 500;
  const heartbeatMs = o.heartbeatMs ?? 15_000;
  const maxStreams = o.maxStreams ?? 32;
  let open = 0;

  return (c: Context) => {
    if (open >= maxStreams)
      return c.json({ error: `too many live streams (${maxStreams}); close a tab and retry` }, 503);
    open++;
    const resumeText = c.req.header("last-event-id") ?? c.req.query("last_event_id");
    const resume =
      resumeText !== undefined && /^\d{1,15}$/.test(resumeText) ? Number(resumeText) : undefined;
    return streamSSE(c, async (sse) => {
      let closed = false;
      sse.onAbort(() => {
        closed = true;
      });
      let lastId: number | undefined = resume;
      let generation = -1;
      let lastT: number | undefined;
      const sent = new Map<number, string>();
      let lastTick = 0;
      let lastBeat = now();
      try {
        while (!closed) {
          const db = store.get();
          if (db !== null) {
            const maxId = lastEventId(db);
            if (generation !== store.generation) {
              // A new file (first poll, or the watcher started on a fresh store): start from
              // its end unless the client told us where it was and that still makes sense.
              generation = store.generation;
              if (lastId === undefined) lastId = maxId;
              else if (lastId > maxId)
                // Ids went backwards: a different history. Go on after the last event sent.
                lastId = lastT === undefined ? maxId : lastEventId(db, lastT);
              sent.clear();
              for (const r of openOrRecentIncidentRows(db, 50))
                sent.set(Number(r.id), signature(r));
            }
            const rows = eventRowsAfter(db, lastId ?? maxId, 500);
            for (const r of rows) {
              const e = apiEvent(eventFromRow(r));
              await sse.writeSSE({ event: "event", id: String(e.id), data: JSON.stringify(e) });
              lastId = e.id;
              lastT = e.t_ms;
            }
            const changed = changedIncidentRows(db, now() - 120_000, Math.max(0, ...sent.keys()));
            for (const r of changed) {
              const sig = signature(r);
              if (sent.get(Number(r.id)) === sig) continue;
              sent.set(Number(r.id), sig);
              await sse.writeSSE({
                event: "incident",
                id: String(lastId),
                data: JSON.stringify(apiIncident(incidentFromRow(r))),
              });
            }
          }
          const t = now();
          if (t - lastTick >= 1000) {
            lastTick = t;
            const last = db === null ? null : lastSampleMs(db);
            await sse.writeSSE({
              event: "tick",
              data: JSON.stringify({ last_ms: last, now_ms: t }),
              ...(lastId === undefined ? {} : { id: String(lastId) }),
            });
          }
          if (t - lastBeat >= heartbeatMs) {
            lastBeat = t;
            await sse.write(": heartbeat\n\n");
          }
          await sse.sleep(pollMs);
        }
      } finally {
        open--;
      }
    });
  };
}
