// The timeline's window: which [from, to] is shown, and how zoom, pan and the range buttons
// move it. Pure arithmetic, so the view only wires keys and buttons to it.

export interface TimeWindow {
  from: number;
  to: number;
  /** Following "now": live ticks slide the window forward. */
  follow: boolean;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const MIN_SPAN_MS = 10 * SECOND;
export const MAX_SPAN_MS = 30 * DAY;

export const RANGES: { label: string; ms: number }[] = [
  { label: "15m", ms: 15 * MINUTE },
  { label: "1h", ms: HOUR },
  { label: "6h", ms: 6 * HOUR },
  { label: "24h", ms: DAY },
  { label: "7d", ms: 7 * DAY },
  { label: "30d", ms: 30 * DAY },
];

export function lastRange(spanMs: number, now: number): TimeWindow {
  return { from: now - spanMs, to: now, follow: true };
}

/** A window the user chose (drag, keys): clamped to 10 s .. 30 d and never past now. */
export function fixedWindow(from: number, to: number, now: number): TimeWindow {
  let span = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, to - from));
  const mid = (from + to) / 2;
  let start = mid - span / 2;
  let end = mid + span / 2;
  if (end > now) {
    end = now;
    start = now - span;
  }
  span = end - start;
  return { from: Math.round(start), to: Math.round(end), follow: end >= now - span * 0.02 };
}

/** factor < 1 zooms in, > 1 out, around the window's middle. */
export function zoom(w: TimeWindow, factor: number, now: number): TimeWindow {
  const mid = (w.from + w.to) / 2;
  const half = ((w.to - w.from) * factor) / 2;
  if (w.follow && factor > 1) return fixedWindow(now - half * 2, now, now);
  return fixedWindow(mid - half, mid + half, now);
}

/** fraction > 0 moves later, < 0 earlier, by that share of the span. */
export function pan(w: TimeWindow, fraction: number, now: number): TimeWindow {
  const shift = (w.to - w.from) * fraction;
  return fixedWindow(w.from + shift, w.to + shift, now);
}

/** Live: a following window slides so that it ends at `now`. */
export function slide(w: TimeWindow, now: number): TimeWindow {
  if (!w.follow) return w;
  const span = w.to - w.from;
  return { from: now - span, to: now, follow: true };
}
