// One Nagios/Icinga status line for a whole fleet; the exit code carries the state.
import type { Fleet } from "../fleet.js";
import { nagiosText } from "./nagios.js";

const STATE = { 0: "OK", 1: "WARNING", 2: "CRITICAL", 3: "UNKNOWN" } as const;

export function renderFleetNagios(fleet: Fleet): string {
  const s = fleet.summary;
  const named = (status: string) =>
    fleet.hosts.filter((h) => h.status === status).map((h) => nagiosText(h.label));
  const parts = [
    ...named("critical").map((l) => `${l} critical`),
    ...named("error").map((l) => `${l} unreadable`),
    ...named("warning").map((l) => `${l} warning`),
  ];
  const detail =
    parts.length === 0
      ? "no redundancy problems"
      : parts.slice(0, 5).join(", ") + (parts.length > 5 ? ", ..." : "");
  const perf = `critical=${s.critical};;1 warning=${s.warning};1 unreadable=${s.error};;1 ok=${s.ok}`;
  return `LINKGUARD ${STATE[s.exit]} - ${s.hosts} hosts: ${detail} | ${perf}\n`;
}
