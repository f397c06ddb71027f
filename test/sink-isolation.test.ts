// Dead and hanging receivers must not slow the watcher: write() only enqueues. Measured, and
// printed, for a UDP target on a closed port, a TCP target that refuses and a webhook that
// never answers; the assertions are generous bounds, the printed figures are the result.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { WatchEvent } from "../src/events/types.js";
import { closedPort, httpReceiver, type Receiver } from "../src/runtime/sinks/local-receivers.js";
import type { Sink } from "../src/runtime/sinks/sink.js";
import { createSyslogSink } from "../src/runtime/sinks/syslog.js";
import { createWebhookSink } from "../src/runtime/sinks/webhook.js";

const N = 10_000;
const TICK_MS = 5;

/** The largest delay of a 5 ms interval timer between start() and stop(). */
function lateness() {
  let max = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last - TICK_MS);
    last = now;
  }, TICK_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(0, max);
    },
  };
}

const event = (i: number): WatchEvent => ({
  t_ms: Date.now(),
  kind: "carrier-flap",
  subject: `eth${i % 4}`,
  severity: "warning",
  detail: `carrier changed on eth${i % 4} (${i})`,
  ifname: `eth${i % 4}`,
  host: "isolation-test",
});

let hung: Receiver | undefined;
const sinks: Sink[] = [];
after(async () => {
  await Promise.all(sinks.map((s) => s.close()));
  await hung?.close();
});

test("dead and hanging sinks do not delay write() or the event loop", async () => {
  hung = await httpReceiver(() => "hang");
  sinks.push(
    createSyslogSink({ host: "127.0.0.1", port: await closedPort(), protocol: "udp" }),
    createSyslogSink({ host: "127.0.0.1", port: await closedPort(), protocol: "tcp" }),
    createWebhookSink({ url: `http://127.0.0.1:${hung.port}/hook`, timeoutMs: 2000 }),
  );
  await sleep(50);

  // 1. A burst: N writes to each sink in one synchronous loop.
  for (const sink of sinks) {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) sink.write(event(i));
    const ms = performance.now() - t0;
    console.log(`${sink.name}: ${N} write() calls in ${ms.toFixed(1)} ms`);
    assert.ok(ms < 1000, `${sink.name}: ${N} writes took ${ms} ms`);
  }

  // 2. The pumps at work (UDP sending, TCP reconnecting, webhook waiting) while a timer runs.
  let timer = lateness();
  await sleep(1000);
  const idleLate = timer.stop();
  console.log(`timer lateness while the sinks pump, 1 s: max ${idleLate.toFixed(1)} ms`);

  // 3. Paced writes, as a watcher makes them: 10 events per sink every millisecond for 1 s.
  timer = lateness();
  const end = performance.now() + 1000;
  let written = 0;
  let worstBatchMs = 0;
  while (performance.now() < end) {
    const t0 = performance.now();
    for (const sink of sinks) for (let i = 0; i < 10; i++) sink.write(event(i));
    worstBatchMs = Math.max(worstBatchMs, performance.now() - t0);
    written += 10;
    await sleep(1);
  }
  const pacedLate = timer.stop();
  console.log(
    `paced: ${written} events per sink in 1 s, slowest 30 writes ${worstBatchMs.toFixed(2)} ms, ` +
      `timer lateness max ${pacedLate.toFixed(1)} ms`,
  );
  for (const sink of sinks) console.log(`${sink.name}: ${JSON.stringify(sink.stats())}`);

  assert.ok(idleLate < 250, `timer late by ${idleLate} ms while the sinks pumped`);
  assert.ok(pacedLate < 250, `timer late by ${pacedLate} ms during paced writes`);
  for (const sink of sinks) {
    const s = sink.stats();
    assert.equal(s.sent + s.failed + s.dropped + s.queued, N + written, sink.name);
  }
  const [, tcp, webhook] = sinks.map((s) => s.stats());
  assert.ok((tcp?.dropped ?? 0) > 0 && (webhook?.dropped ?? 0) > 0, "the stuck sinks dropped");
});
