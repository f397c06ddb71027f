// A progress bar line for long reads: "[#####.....] 45%  450/1000 MB  1.2 GB/s  ETA 0:03",
// followed by the reader that counts the frames ("native scan" or "JavaScript reader").
import type { Progress } from "./analyze-file.js";

function rate(bytesPerSecond: number): string {
  return bytesPerSecond >= 1e9
    ? `${(bytesPerSecond / 1e9).toFixed(1)} GB/s`
    : `${(bytesPerSecond / 1e6).toFixed(0)} MB/s`;
}

function clock(s: number): string {
  if (!Number.isFinite(s)) return "--:--";
  const t = Math.max(0, Math.round(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

export function renderProgressBar(p: Progress, elapsedMs: number, width = 30): string {
  const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  const filled = Math.round(fraction * width);
  const speed = elapsedMs > 0 ? (p.done / elapsedMs) * 1000 : 0;
  const eta = speed > 0 ? (p.total - p.done) / speed : Number.POSITIVE_INFINITY;
  const mb = (n: number) => (n / 1e6).toFixed(0);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${mb(p.done)}/${mb(p.total)} MB  ${rate(speed)}  ETA ${clock(eta)}${p.reader === undefined ? "" : `  ${p.reader}`}`;
}
