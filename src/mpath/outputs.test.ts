import assert from "node:assert/strict";
import { test } from "node:test";
import type { WatchEvent } from "../events/types.js";
import { openOutputs } from "./outputs.js";

const record = {
  t_ms: 5,
  kind: "failover",
  severity: "warning" as const,
  subject: "10.0.0.50/24",
  detail: "moved",
};

function makers() {
  const log: string[] = [];
  const stored: WatchEvent[] = [];
  const lines: string[] = [];
  return {
    log,
    stored,
    lines,
    make: {
      openStore: (path: string) => {
        log.push(`open ${path}`);
        return {
          addEvent: (e: WatchEvent) => stored.push(e),
          close: () => log.push("store closed"),
        };
      },
      createSink: (c: { type: string }) => ({
        write: (e: WatchEvent) => log.push(`${c.type} ${e.kind}`),
        flush: async () => void log.push(`${c.type} flushed`),
        close: async () => void log.push(`${c.type} closed`),
      }),
      writeLine: (l: string) => lines.push(l),
    },
  };
}

test("a record goes to standard output, the store and every sink; closing flushes the sinks", async () => {
  const m = makers();
  const out = openOutputs(
    {
      store: { path: "/var/lib/linkguard/mpath.db" },
      sinks: [{ type: "jsonl", path: "/var/log/linkguard/mpath.jsonl" }],
    } as Parameters<typeof openOutputs>[0],
    "h1",
    m.make,
  );
  out.emit(record);
  assert.deepEqual(m.lines, [`${JSON.stringify(record)}\n`]);
  assert.equal(m.stored[0]?.host, "h1");
  await out.close();
  assert.deepEqual(m.log, [
    "open /var/lib/linkguard/mpath.db",
    "jsonl failover",
    "store closed",
    "jsonl flushed",
    "jsonl closed",
  ]);
});

test("without a store or sinks a record is only the JSON line", async () => {
  const m = makers();
  const out = openOutputs({ store: false, sinks: [] }, "h1", m.make);
  out.emit(record);
  await out.close();
  assert.equal(m.lines.length, 1);
  assert.deepEqual(m.log, []);
});
