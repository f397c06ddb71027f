// The one reader of durations and times given on the command line.
// - A duration ("500ms", "30s", "15m", "2h", "7d", "1h30m"): `--duration`, `--interval`,
//   `--probe-interval`, the lab's `--wait-ms`... A bare number is in the option's own unit
//   (seconds for --duration, milliseconds for --interval), as its --help says.
// - `--since` / `--until` values: a time ago (a duration), an ISO-8601 timestamp
//   ("2017-11-30T18:53:48+0900", as `date -Iseconds` prints it), epoch seconds, or "now".
// Pure: the current time is passed in.

export class TimeSpecError extends Error {
  override name = "TimeSpecError";
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(
      `cannot read time ${JSON.stringify(input)}: ${reason} ` +
        "(use 30s, 15m, 2h, 7d, 1h30m, an ISO-8601 time like 2024-05-01T10:00:00+02:00, or epoch seconds)",
    );
  }
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3600_000,
  d: 86_400_000,
};
const AGO = /^(?:\d+(?:\.\d+)?(?:ms|[smhd]))+$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** "1h30m" -> 5 400 000. */
export function parseDurationMs(text: string): number {
  const t = text.trim().toLowerCase();
  if (!AGO.test(t)) throw new TimeSpecError(text, "not a duration");
  let ms = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|[smhd])/g)) {
    ms += Number(m[1]) * (UNIT_MS[m[2] as string] ?? 0);
  }
  return ms;
}

export class DurationError extends Error {
  override name = "DurationError";
}

export interface DurationOption {
  /** The option, for the error ("--duration"). */
  option: string;
  /** What a bare number means. */
  bareUnit: "ms" | "s";
  minMs: number;
  maxMs: number;
}

/** A duration option's value in milliseconds; a DurationError naming the option otherwise. */
export function parseDurationOption(text: string, o: DurationOption): number {
  const t = text.trim().toLowerCase();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(t)) ms = Number(t) * (o.bareUnit === "s" ? 1000 : 1);
  else if (AGO.test(t)) ms = parseDurationMs(t);
  else
    throw new DurationError(
      `${o.option}: cannot read ${JSON.stringify(text)} as a duration ` +
        `(use 500ms, 10s, 5m, 2h, 1d, 1h30m; a bare number is ${o.bareUnit === "s" ? "seconds" : "milliseconds"})`,
    );
  if (ms < o.minMs || ms > o.maxMs)
    throw new DurationError(
      `${o.option}: ${JSON.stringify(text)} is out of range (${formatMs(o.minMs)} to ${formatMs(o.maxMs)})`,
    );
  return ms;
}

/** 1500 -> "1.5s", 90000 -> "90s", 250 -> "250ms". */
function formatMs(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  return `${ms / 1000}s`;
}

function parseIso(text: string, m: RegExpExecArray): number {
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const date = [Number(y), Number(mo) - 1, Number(d)] as const;
  const time = [Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)] as const;
  const ms = Math.round(Number(frac ?? 0) * 1000);
  if (new Date(Date.UTC(...date)).getUTCDate() !== date[2] || date[1] > 11)
    throw new TimeSpecError(text, "no such date");
  if (time[0] > 23 || time[1] > 59 || time[2] > 59) throw new TimeSpecError(text, "no such time");
  // No offset: the reader's local time, like `date` (JavaScript would take a bare date as UTC).
  if (zone === undefined) return new Date(...date, ...time, ms).getTime();
  const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  const offsetMin = z ? (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0)) : 0;
  return Date.UTC(...date, ...time, ms) - offsetMin * 60_000;
}

/** Epoch milliseconds for a --since/--until value, relative to nowMs for durations. */
export function parseTimeSpec(text: string, nowMs: number): number {
  const t = text.trim();
  if (t === "") throw new TimeSpecError(text, "empty");
  if (t.toLowerCase() === "now") return nowMs;
  if (AGO.test(t.toLowerCase())) return nowMs - parseDurationMs(t);
  const iso = ISO.exec(t);
  if (iso) return parseIso(text, iso);
  if (/^\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    // Epoch seconds before 2001 or after 5138 are almost surely a missing unit or milliseconds.
    if (n < 1e9)
      throw new TimeSpecError(text, `a bare number is epoch seconds; did you mean ${t}s?`);
    if (n >= 1e11) throw new TimeSpecError(text, "looks like epoch milliseconds; give seconds");
    return Math.round(n * 1000);
  }
  throw new TimeSpecError(text, "not a duration, a timestamp or epoch seconds");
}
