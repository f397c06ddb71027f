import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterEach, test } from "node:test";
import Database from "better-sqlite3";
import { FakeRoot, fakeIo } from "../../test/support/watch-world.js";
import { parseWatchConfig } from "./config.js";
import { openOutputs } from "./outputs.js";
import { Watcher } from "./watcher.js";

const roots: FakeRoot[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) r.remove();
});

/** A port held by another server on 127.0.0.1 for the test's length. */
function takenPort(): Promise<{ port: number; server: Server }> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () =>
      resolve({ port: (server.address() as { port: number }).port, server }),
    );
  });
}

/** A watcher over eth0 in a fake world, and a config with a store and a JSON-lines sink. */
function world(metrics: string | false) {
  const root = new FakeRoot();
  roots.push(root);
  root.addLink("eth0");
  const cfg = parseWatchConfig(
    {
      interfaces: ["eth0"],
      store: { path: join(root.dir, "lg.db") },
      sinks: [{ type: "jsonl", path: join(root.dir, "events.jsonl") }],
      metrics,
    },
    "",
    "test.yaml",
  );
  const { io } = fakeIo();
  const watcher = new Watcher({
    host: "h1",
    intervalMs: 100,
    probeIntervalMs: 100,
    interfaces: ["eth0"],
    probes: [],
    prober: { kind: "ping", reason: "test" },
    root: root.dir,
    io,
  });
  return { root, cfg, watcher };
}

test("openOutputs writes the watcher's events to the store and the sinks, and close flushes both", async () => {
  const w = world(false);
  const out = await openOutputs(w.cfg, w.watcher, "ping");
  assert.deepEqual(out.where, { store: join(w.root.dir, "lg.db"), metrics: null });
  await w.watcher.start();
  w.watcher.stop();
  await out.close();
  const lines = readFileSync(join(w.root.dir, "events.jsonl"), "utf8").trim().split("\n");
  assert.deepEqual(
    lines.map((l) => (JSON.parse(l) as { kind: string }).kind),
    ["watcher-started", "watcher-stopped"],
  );
  assert.equal(existsSync(join(w.root.dir, "lg.db-wal")), false, "the store was closed");
  const db = new Database(join(w.root.dir, "lg.db"), { readonly: true });
  const n = db.prepare("SELECT count(*) AS n FROM events").get() as { n: number };
  db.close();
  assert.equal(n.n, 2);
});

test("openOutputs rejects on a taken metrics port, and leaves no store open behind it", async (t) => {
  const held = await takenPort();
  t.after(() => held.server.close());
  const w = world(`127.0.0.1:${held.port}`);
  await assert.rejects(openOutputs(w.cfg, w.watcher, "native"), /EADDRINUSE/);
  assert.equal(existsSync(join(w.root.dir, "lg.db-wal")), false, "the store was closed");
});
