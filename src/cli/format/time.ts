// Times as people on the host read them: local time, and ISO-8601 with the offset so a
// CSV pasted into a ticket still says when things happened ("2017-11-30T18:53:48+09:00").

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function parts(ms: number) {
  const d = new Date(Math.floor(ms));
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return { d, date, time, millis: `.${pad(d.getMilliseconds(), 3)}` };
}

/** "2024-05-01 10:00:00" (or with ".123"), local time. */
export function formatLocal(ms: number, withMillis = false): string {
  const p = parts(ms);
  return `${p.date} ${p.time}${withMillis ? p.millis : ""}`;
}

/** "2024-05-01T10:00:00+02:00" (or with ".123"), local time with its UTC offset. */
export function formatIsoLocal(ms: number, withMillis = false): string {
  const p = parts(ms);
  const off = -p.d.getTimezoneOffset();
  const sign = off < 0 ? "-" : "+";
  const zone = `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${p.date}T${p.time}${withMillis ? p.millis : ""}${zone}`;
}

/** "4.8s", "3m12s", "2h05m", "3d04h": how long an incident lasted. */
export function formatSpan(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${Number(s.toFixed(1))}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${pad(Math.floor(s % 60))}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86400)}d${pad(Math.floor((s % 86400) / 3600))}h`;
}
