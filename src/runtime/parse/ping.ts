// Parses lines of iputils `ping -n -O -D` (long-lived prober, one line per probe). Pure.
//   "[1796066063.555381] 64 bytes from 10.0.0.1: icmp_seq=20 ttl=64 time=0.069 ms"
//   "[1796066063.151279] no answer yet for icmp_seq=12"
//   "[1796066063.151279] From 10.0.0.10 icmp_seq=5 Destination Host Unreachable"

export type PingLine =
  | { type: "reply"; t_ms: number; seq: number; rtt_ms: number }
  | { type: "lost"; t_ms: number; seq: number; reason: string }
  | { type: "other" };

const STAMP_RE = /^\[(\d+\.\d+)\] (.*)$/;

export function parsePingLine(line: string): PingLine {
  const stamp = STAMP_RE.exec(line.trim());
  if (!stamp) return { type: "other" };
  const t_ms = Number(stamp[1]) * 1000;
  const rest = stamp[2] ?? "";
  const seq = Number(/icmp_seq=(\d+)/.exec(rest)?.[1] ?? Number.NaN);
  if (Number.isNaN(seq)) return { type: "other" };
  const time = /\btime=([\d.]+) ms/.exec(rest);
  if (time) return { type: "reply", t_ms, seq, rtt_ms: Number(time[1]) };
  if (rest.startsWith("no answer yet")) return { type: "lost", t_ms, seq, reason: "no answer" };
  if (rest.startsWith("From ")) {
    return { type: "lost", t_ms, seq, reason: rest.replace(/^From \S+ icmp_seq=\d+ /, "") };
  }
  return { type: "other" };
}
