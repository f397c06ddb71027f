// Times as the viewer reads them: their own zone on screen, UTC in the title (shown on hover)
// and in the machine-readable datetime attribute.
import { h } from "./dom.js";

const local = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
  timeZoneName: "short",
});

const localTime = new Intl.DateTimeFormat(undefined, {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

function formatLocal(ms: number): string {
  return local.format(new Date(ms));
}

function formatLocalTime(ms: number): string {
  return localTime.format(new Date(ms));
}

/** "2024-05-01 10:00:00.123 UTC" */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().replace("T", " ").replace("Z", "")} UTC`;
}

/** A <time> in the viewer's zone whose hover title is the UTC time. */
export function timeElement(ms: number, timeOnly = false): HTMLTimeElement {
  return h(
    "time",
    { datetime: new Date(ms).toISOString(), title: formatUtc(ms) },
    timeOnly ? formatLocalTime(ms) : formatLocal(ms),
  );
}

/** "4.8 s", "3 min 20 s", "2 h 5 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const s = Math.abs(ms) / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  const hrs = Math.floor(m / 60);
  if (hrs < 48) return `${hrs} h ${m % 60} min`;
  return `${Math.floor(hrs / 24)} d ${hrs % 24} h`;
}
