// The live stream (/api/stream). EventSource reconnects by itself and resumes with
// Last-Event-ID; while it is away a small notice says so, what is shown stays, and once it is
// back the views fetch what they missed. A stream the server refused (closed for good) is
// reopened after a pause, and the server's reason (e.g. too many live streams) is shown.
import type { StreamMessages } from "../api.js";

export interface LiveHandlers {
  event(e: StreamMessages["event"]): void;
  incident(i: StreamMessages["incident"]): void;
  tick(t: StreamMessages["tick"]): void;
  /** true while the connection is down; `why` when the server said why it refused. */
  connection(down: boolean, why?: string): void;
  resumed(): void;
}

const REOPEN_MS = 3000;

/** The server's reason when /api/stream refuses (503 past the stream cap, 401 ...), if any. */
async function refusal(): Promise<string | undefined> {
  const ac = new AbortController();
  try {
    const res = await fetch("/api/stream", { signal: ac.signal });
    if (res.ok) return undefined;
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    return body.error ?? `HTTP ${res.status}`;
  } catch {
    return undefined; // the server is away: "reconnecting" says it
  } finally {
    ac.abort(); // a stream that was accepted is not kept open
  }
}

export function startLive(h: LiveHandlers): void {
  let wasDown = false;
  let current: EventSource | undefined;
  const open = () => {
    const es = new EventSource("/api/stream");
    current = es;
    const on = <K extends keyof StreamMessages>(name: K, f: (d: StreamMessages[K]) => void) =>
      es.addEventListener(name, (m) => {
        try {
          f(JSON.parse((m as MessageEvent<string>).data) as StreamMessages[K]);
        } catch (err) {
          console.error(`bad ${name} message`, err);
        }
      });
    on("event", h.event);
    on("incident", h.incident);
    on("tick", h.tick);
    es.addEventListener("open", () => {
      h.connection(false);
      if (wasDown) h.resumed();
      wasDown = false;
    });
    es.addEventListener("error", () => {
      wasDown = true;
      h.connection(true);
      if (es.readyState !== EventSource.CLOSED) return;
      // Refused for good (EventSource does not say why): ask once, show the server's reason.
      void refusal().then((why) => {
        if (why !== undefined && current === es) h.connection(true, why);
      });
      setTimeout(open, REOPEN_MS);
    });
  };
  open();
}
