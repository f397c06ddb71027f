// One suite, every sink (STYLE 6): each against a real receiver on 127.0.0.1, and against
// receivers that are down or hang, where write() must still return at once.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { closeSync, constants, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { WatchEvent } from "../../events/types.js";
import { createJsonlSink } from "./jsonl.js";
import {
  closedPort,
  fileReceiver,
  httpReceiver,
  type Receiver,
  tcpReceiver,
  udpReceiver,
} from "./local-receivers.js";
import type { QueueOptions } from "./pump.js";
import type { Sink } from "./sink.js";
import { createSyslogSink } from "./syslog.js";
import { createWebhookSink } from "./webhook.js";

interface Stalled {
  how: string;
  sink: Sink;
  /** The pump is known to be held up (not so for UDP, which cannot tell). */
  stuck?: boolean;
  cleanup(): Promise<void>;
}
interface Harness {
  name: string;
  live(q: QueueOptions): Promise<{ sink: Sink; receiver: Receiver }>;
  stalled(q: QueueOptions): Promise<Stalled[]>;
}

const dir = mkdtempSync(join(tmpdir(), "linkguard-sinks-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const nothing = async () => {};

const HARNESSES: Harness[] = [
  {
    name: "syslog over UDP",
    async live(q) {
      const receiver = await udpReceiver();
      const sink = createSyslogSink({
        host: "127.0.0.1",
        port: receiver.port,
        protocol: "udp",
        ...q,
      });
      return { sink, receiver };
    },
    async stalled(q) {
      const port = await closedPort();
      const sink = createSyslogSink({ host: "127.0.0.1", port, protocol: "udp", ...q });
      return [{ how: "down", sink, cleanup: nothing }];
    },
  },
  {
    name: "syslog over TCP",
    async live(q) {
      const receiver = await tcpReceiver();
      const sink = createSyslogSink({
        host: "127.0.0.1",
        port: receiver.port,
        protocol: "tcp",
        ...q,
      });
      return { sink, receiver };
    },
    async stalled(q) {
      const hung = await tcpReceiver({ hang: true });
      const tcp = (port: number) =>
        createSyslogSink({ host: "127.0.0.1", port, protocol: "tcp", reconnectMinMs: 20, ...q });
      return [
        {
          how: "refusing connections",
          sink: tcp(await closedPort()),
          stuck: true,
          cleanup: nothing,
        },
        { how: "not reading", sink: tcp(hung.port), cleanup: () => hung.close() },
      ];
    },
  },
  {
    name: "webhook",
    async live(q) {
      const receiver = await httpReceiver();
      const sink = createWebhookSink({ url: `http://127.0.0.1:${receiver.port}/hook`, ...q });
      return { sink, receiver };
    },
    async stalled(q) {
      const hung = await httpReceiver(() => "hang");
      const hook = (port: number) =>
        createWebhookSink({ url: `http://127.0.0.1:${port}/`, retryMinMs: 20, ...q });
      return [
        {
          how: "refusing connections",
          sink: hook(await closedPort()),
          stuck: true,
          cleanup: nothing,
        },
        { how: "never answering", sink: hook(hung.port), stuck: true, cleanup: () => hung.close() },
      ];
    },
  },
  {
    name: "JSON lines to a file",
    async live(q) {
      const path = join(dir, `events-${fileNo++}.jsonl`);
      return { sink: createJsonlSink({ path, ...q }), receiver: fileReceiver(path) };
    },
    async stalled(q) {
      // A FIFO whose reader never reads: the sink's writes block once the pipe is full.
      const fifo = join(dir, `fifo-${fileNo++}`);
      execFileSync("mkfifo", [fifo]);
      const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
      const missing = join(dir, "no-such-dir", "events.jsonl");
      return [
        { how: "unwritable", sink: createJsonlSink({ path: missing, ...q }), cleanup: nothing },
        {
          how: "a pipe nobody reads",
          sink: createJsonlSink({ path: fifo, ...q }),
          stuck: true,
          cleanup: async () => closeSync(reader), // the blocked write ends with EPIPE
        },
      ];
    },
  },
];

function event(i: number, extra: Partial<WatchEvent> = {}): WatchEvent {
  return {
    t_ms: Date.UTC(2024, 0, 1) + i,
    kind: i % 2 === 0 ? "link-down" : "link-up",
    subject: `eth${i}`,
    severity: i % 2 === 0 ? "critical" : "info",
    detail: `event ${i}`,
    ifname: `eth${i}`,
    host: "lab-01",
    ...extra,
  };
}

function assertAccounted(sink: Sink, written: number): void {
  const s = sink.stats();
  assert.equal(s.sent + s.failed + s.dropped + s.queued, written, JSON.stringify(s));
}

for (const h of HARNESSES) {
  describe(`sink contract: ${h.name}`, () => {
    test("delivers every event in order with kind, subject and detail", async () => {
      const { sink, receiver } = await h.live({});
      try {
        for (let i = 0; i < 200; i++) sink.write(event(i));
        await sink.flush(10_000);
        const got = await receiver.waitFor(200);
        assert.deepEqual(
          got.map((r) => [r.kind, r.subject, r.detail]),
          Array.from({ length: 200 }, (_, i) => [event(i).kind, `eth${i}`, `event ${i}`]),
        );
        assert.deepEqual(sink.stats(), { sent: 200, queued: 0, dropped: 0, failed: 0 });
      } finally {
        await sink.close();
        await receiver.close();
      }
    });

    for (const policy of ["drop-newest", "drop-oldest"] as const) {
      test(`holds at most its capacity (${policy}), counts drops and reports them`, async () => {
        const { sink, receiver } = await h.live({ capacity: 10, policy });
        try {
          for (let i = 0; i < 25; i++) sink.write(event(i));
          assert.deepEqual(sink.stats(), { sent: 0, queued: 10, dropped: 15, failed: 0 });
          await sink.flush(10_000);
          const got = await receiver.waitFor(11);
          const first = policy === "drop-newest" ? 0 : 15;
          const kept = Array.from({ length: 10 }, (_, i) => `eth${first + i}`);
          assert.deepEqual(
            got.slice(0, 10).map((r) => r.subject),
            kept,
          );
          assert.equal(got.length, 11);
          assert.equal(got[10]?.kind, "sink-dropped");
          assert.match(got[10]?.detail ?? "", /^15 events dropped: sink \S+ queue full/);
          assertAccounted(sink, 25);
        } finally {
          await sink.close();
          await receiver.close();
        }
      });
    }

    test("takes odd events (bad time, quotes, BigInt and cyclic data) without throwing", async () => {
      const { sink, receiver } = await h.live({});
      try {
        const cyclic: Record<string, unknown> = { n: 1n };
        cyclic.self = cyclic;
        sink.write(event(0, { t_ms: Number.NaN, subject: 'a"b]c\\', data: cyclic }));
        await sink.flush(10_000);
        const [r] = await receiver.waitFor(1);
        assert.equal(r?.subject, 'a"b]c\\');
        assert.deepEqual(sink.stats(), { sent: 1, queued: 0, dropped: 0, failed: 0 });
      } finally {
        await sink.close();
        await receiver.close();
      }
    });

    test("write() after close() is counted as dropped, not thrown", async () => {
      const { sink, receiver } = await h.live({});
      await sink.close();
      assert.doesNotThrow(() => sink.write(event(1)));
      assert.equal(sink.stats().dropped, 1);
      await receiver.close();
    });

    test("write() returns at once while the receiver is down or hanging", async () => {
      const q = { capacity: 100, closeGraceMs: 200 };
      for (const { how, sink, stuck, cleanup } of await h.stalled(q)) {
        try {
          let t0 = performance.now();
          for (let i = 0; i < 5000; i++) sink.write(event(i, { detail: "x".repeat(2000) }));
          const burstMs = performance.now() - t0;
          await new Promise((r) => setTimeout(r, 300)); // the pump meets the stall
          if (stuck) assert.ok(sink.stats().queued > 0, `${how}: ${JSON.stringify(sink.stats())}`);
          t0 = performance.now();
          for (let i = 0; i < 5000; i++) sink.write(event(i));
          const againMs = performance.now() - t0;
          assert.ok(burstMs < 500 && againMs < 500, `${how}: ${burstMs} / ${againMs} ms`);
          assert.ok(sink.stats().queued <= 100 + 500, `${how}: ${JSON.stringify(sink.stats())}`);
          assert.ok(sink.stats().dropped >= 5000, how);
          t0 = performance.now();
          await sink.close();
          assert.ok(performance.now() - t0 < 3000, `${how}: close took too long`);
          assertAccounted(sink, 10_000);
        } finally {
          await cleanup();
        }
      }
    });
  });
}
