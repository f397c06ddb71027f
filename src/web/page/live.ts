// The live stream (/api/stream). EventSource reconnects by itself and resumes with
// Last-Event-ID; while it is away a small notice says so, what is shown stays, and once it is
// back the views fetch what they missed. A stream the server refused (closed for good) is
// reopened after a pause.
import type { StreamMessages } from "../api.js";

export interface LiveHandlers {
  event(e: StreamMessages["event"]): void;
  incident(i: StreamMessages["incident"]): void;
  tick(t: StreamMessages["tick"]): void;
  /** true while the connection is down. */
  connection(down: boolean): void;
  resumed(): void;
}

const REOPEN_MS = 3000;

export function startLive(h: LiveHandlers): void {
  let wasDown = false;
  const open = () => {
    const es = new EventSource("/api/stream");
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
      if (es.readyState === EventSource.CLOSED) setTimeout(open, REOPEN_MS);
    });
  };
  open();
}
