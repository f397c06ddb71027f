// GET /api/stream as EventSource uses it: events written after connecting arrive, a reconnect
// with Last-Event-ID gets only later ones, and the stream survives the store file being
// replaced (the watcher restarting on a new file).
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { test } from "node:test";
import { openStore } from "../src/store/store.js";
import type { ApiEvent } from "../src/web/api.js";
import { event, incident, tempDbPath } from "./support/store-data.js";
import { until } from "./support/wait.js";
import { startTestServer, writeStore } from "./support/web-server.js";

interface Message {
  event: string;
  id: string | undefined;
  data: string;
}

/** Reads server-sent messages from a live response into `out` until aborted. */
function readSse(res: Response, out: Message[]): void {
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let rest = "";
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        rest += decoder.decode(chunk.value, { stream: true });
        const blocks = rest.split("\n\n");
        rest = blocks.pop() ?? "";
        for (const b of blocks) {
          const field = (name: string) =>
            b
              .split("\n")
              .find((l) => l.startsWith(`${name}:`))
              ?.slice(name.length + 1)
              .trim();
          const data = field("data");
          if (data !== undefined)
            out.push({ event: field("event") ?? "message", id: field("id"), data });
        }
      }
    } catch {
      // aborted by the test
    }
  })();
}

async function connect(
  url: string,
  lastEventId?: string,
): Promise<{ messages: Message[]; close: () => void }> {
  const ac = new AbortController();
  const res = await fetch(new URL("/api/stream", url), {
    signal: ac.signal,
    headers: lastEventId === undefined ? {} : { "last-event-id": lastEventId },
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /text\/event-stream/);
  const messages: Message[] = [];
  readSse(res, messages);
  return { messages, close: () => ac.abort() };
}

const eventsIn = (m: Message[]) =>
  m.filter((x) => x.event === "event").map((x) => (JSON.parse(x.data) as ApiEvent).id);

test("events and incidents written after connecting arrive; Last-Event-ID resumes; a new store file is followed", async () => {
  const path = tempDbPath();
  writeStore(path, (s) => void s.addEvent(event(Date.now() - 5000, { id: 1 })));
  const server = await startTestServer({ storePath: path });
  const first = await connect(server.url);
  await until("a tick", 5000, () => first.messages.find((m) => m.event === "tick"));
  assert.deepEqual(
    eventsIn(first.messages),
    [],
    "events already stored are not replayed without Last-Event-ID",
  );

  // The watcher writes while the page watches (WAL: the reader sees each commit).
  const live = openStore(path, { flushEveryMs: 0, maintainEveryMs: 0 });
  live.addEvent(event(Date.now(), { id: 2, kind: "link-up", severity: "info" }));
  live.upsertIncident(incident(7, { opened_ms: Date.now(), event_ids: [2] }));
  await until("event 2", 5000, () => (eventsIn(first.messages).includes(2) ? true : undefined));
  const inc = await until("incident 7", 5000, () =>
    first.messages.find((m) => m.event === "incident"),
  );
  assert.equal(JSON.parse(inc.data).id, 7);
  assert.equal(first.messages.find((m) => m.event === "event")?.id, "2");
  first.close();

  live.addEvent(event(Date.now(), { id: 3 }));
  live.addEvent(event(Date.now(), { id: 4 }));
  const resumed = await connect(server.url, "2");
  await until("events 3 and 4", 5000, () =>
    eventsIn(resumed.messages).length >= 2 ? true : undefined,
  );
  assert.deepEqual(eventsIn(resumed.messages), [3, 4], "only events after Last-Event-ID");
  live.close();

  // The store removed and the watcher started on a fresh file: ids start again at 1.
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  writeStore(
    path,
    (s) =>
      void s.addEvent(
        event(Date.now() + 1000, { id: 1, kind: "watcher-started", severity: "info" }),
      ),
  );
  const restarted = await until("watcher-started from the new store", 8000, () =>
    resumed.messages
      .map((m) => (m.event === "event" ? (JSON.parse(m.data) as ApiEvent) : undefined))
      .find((e) => e?.kind === "watcher-started"),
  );
  assert.equal(restarted.id, 1);
  assert.deepEqual(eventsIn(resumed.messages), [3, 4, 1]);
  resumed.close();
});

test("ticks come at most once a second and carry the newest sample time", async () => {
  const server = await startTestServer({ storePath: null });
  const s = await connect(server.url);
  await until("three ticks", 5000, () =>
    s.messages.filter((m) => m.event === "tick").length >= 3 ? true : undefined,
  );
  const ticks = s.messages
    .filter((m) => m.event === "tick")
    .map((m) => JSON.parse(m.data) as { now_ms: number; last_ms: null });
  for (let i = 1; i < ticks.length; i++)
    assert.ok((ticks[i]?.now_ms ?? 0) - (ticks[i - 1]?.now_ms ?? 0) >= 1000);
  assert.equal(ticks[0]?.last_ms, null);
  s.close();
});

test("streams past the cap get 503 with the reason; a closed stream frees its slot; idle streams carry heartbeats", async () => {
  const server = await startTestServer({
    storePath: null,
    stream: { maxStreams: 2, heartbeatMs: 300, pollMs: 100 },
  });
  const a = await connect(server.url);
  const b = await connect(server.url);
  const refused = await fetch(new URL("/api/stream", server.url), {
    signal: AbortSignal.timeout(5000),
  });
  assert.equal(refused.status, 503);
  assert.match(((await refused.json()) as { error: string }).error, /too many live streams \(2\)/);

  a.close();
  const c = await until("a slot after one stream closed", 5000, async () => {
    const ac = new AbortController();
    const res = await fetch(new URL("/api/stream", server.url), { signal: ac.signal });
    if (res.status === 200) return { res, close: () => ac.abort() };
    await res.body?.cancel();
    return undefined;
  });

  // A heartbeat is an SSE comment line: EventSource ignores it, proxies see traffic.
  const reader = c.res.body?.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const started = Date.now();
  while (!text.includes(": heartbeat\n\n") && Date.now() - started < 5000) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  assert.match(text, /^: heartbeat$/m);
  c.close();
  b.close();
});
