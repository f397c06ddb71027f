// Building events: one place sets the host and the shape, so every detector part agrees.
import type { EventKind, EventSeverity, WatchEvent } from "../../events/types.js";

export interface EventContext {
  host: string;
}

export function makeEvent(
  ctx: EventContext,
  t_ms: number,
  kind: EventKind,
  severity: EventSeverity,
  subject: string,
  detail: string,
  extra: { ifname?: string; data?: Record<string, unknown> } = {},
): WatchEvent {
  const e: WatchEvent = { t_ms, kind, subject, severity, detail, host: ctx.host };
  if (extra.ifname !== undefined) e.ifname = extra.ifname;
  if (extra.data !== undefined) e.data = extra.data;
  return e;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
