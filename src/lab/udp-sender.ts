// The client side of an outage measurement (`node udp-sender.js HOST PORT INTERVAL_MS`):
// sends a sequence-numbered datagram on a fixed schedule whatever comes back (iputils ping
// slows down while replies are missing and under-reports outages). JSON lines on stdout:
// `{"kind":"answered","seq":N}` at the first answer (the path works end to end), and on
// SIGTERM `{"kind":"report",...}`: which sequence numbers went unanswered.
import { createSocket } from "node:dgram";

const [host = "127.0.0.1", portText = "7777", intervalText = "2"] = process.argv.slice(2);
const port = Number(portText);
const interval = Number(intervalText);
const sent: number[] = [];
const answered = new Set<number>();
const sock = createSocket("udp4");
sock.on("message", (msg) => {
  if (msg.length < 4) return;
  const seq = msg.readUInt32BE(0);
  if (answered.size === 0) process.stdout.write(`${JSON.stringify({ kind: "answered", seq })}\n`);
  answered.add(seq);
});
sock.on("error", () => undefined);

const start = performance.now();
const t0 = Date.now();
let seq = 0;
function tick(): void {
  // On a fixed schedule: the next send is due at start + seq * interval, however late we are.
  const buf = Buffer.alloc(16);
  buf.writeUInt32BE(seq, 0);
  sent.push(t0 + (performance.now() - start));
  sock.send(buf, port, host);
  seq++;
  const due = start + seq * interval - performance.now();
  timer = setTimeout(tick, Math.max(0, due));
}
let timer = setTimeout(tick, 0);

process.on("SIGTERM", () => {
  clearTimeout(timer);
  // Answers still in flight for the last 50 ms are not losses.
  setTimeout(() => {
    const gaps: { first_seq: number; count: number; from_ms: number; to_ms: number }[] = [];
    const last = sent.length - Math.ceil(50 / interval);
    for (let i = 0; i < last; i++) {
      if (answered.has(i)) continue;
      const from = i;
      while (i + 1 < last && !answered.has(i + 1)) i++;
      gaps.push({
        first_seq: from,
        count: i - from + 1,
        from_ms: sent[from] as number,
        to_ms: sent[i] as number,
      });
    }
    // Exit only once the report is out: a pipe takes big writes asynchronously.
    const report = `${JSON.stringify({ kind: "report", interval_ms: interval, sent: sent.length, answered: answered.size, gaps })}\n`;
    process.stdout.write(report, () => process.exit(0));
  }, 60);
});
