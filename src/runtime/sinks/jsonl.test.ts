import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { WatchEvent } from "../../events/types.js";
import { createJsonlSink, renderJsonLine } from "./jsonl.js";

const dir = mkdtempSync(join(tmpdir(), "linkguard-jsonl-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const ev = (i: number): WatchEvent => ({
  t_ms: Date.UTC(2024, 0, 1, 12) + i,
  kind: "carrier-flap",
  subject: "bond0",
  severity: "warning",
  detail: `flap ${i}`,
  ifname: "eth1",
  data: { changes: i },
  host: "lab-01",
});

test("renderJsonLine puts an ISO time first, then the event, on one line", () => {
  assert.equal(
    renderJsonLine(ev(5)),
    '{"time":"2024-01-01T12:00:00.005Z","t_ms":1704110400005,"kind":"carrier-flap","subject":"bond0","severity":"warning","detail":"flap 5","ifname":"eth1","data":{"changes":5},"host":"lab-01"}\n',
  );
  assert.match(renderJsonLine({ ...ev(0), t_ms: Number.NaN }), /^\{"time":null,/);
});

test("the JSON lines sink appends to an existing file", async () => {
  const path = join(dir, "append.jsonl");
  for (const i of [1, 2]) {
    const sink = createJsonlSink({ path });
    sink.write(ev(i));
    await sink.flush(5000);
    await sink.close();
  }
  const lines = readFileSync(path, "utf8").trimEnd().split("\n");
  assert.deepEqual(
    lines.map((l) => JSON.parse(l).detail),
    ["flap 1", "flap 2"],
  );
});

test("the JSON lines sink counts a write error and reopens its file for the next batch", async () => {
  const sub = join(dir, "later");
  const path = join(sub, "events.jsonl");
  const sink = createJsonlSink({ path });
  sink.write(ev(0));
  await sink.flush(5000);
  assert.equal(sink.stats().failed, 1);
  assert.match(sink.stats().lastError ?? "", /ENOENT/);
  mkdirSync(sub);
  sink.write(ev(1));
  await sink.flush(5000);
  assert.equal(readFileSync(path, "utf8"), renderJsonLine(ev(1)));
  assert.deepEqual(sink.stats(), {
    sent: 1,
    queued: 0,
    dropped: 0,
    failed: 1,
    lastError: sink.stats().lastError,
  });
  await sink.close();
});

test('path "-" writes JSON lines to standard output', () => {
  const mod = new URL("./jsonl.js", import.meta.url).href;
  const script = `
    const { createJsonlSink } = await import(${JSON.stringify(mod)});
    const sink = createJsonlSink({ path: "-" });
    for (const i of [1, 2, 3]) sink.write(${JSON.stringify(ev(0))});
    await sink.flush(5000);
    await sink.close();`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 10_000,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, renderJsonLine(ev(0)).repeat(3));
});
