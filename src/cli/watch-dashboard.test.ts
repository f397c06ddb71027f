import assert from "node:assert/strict";
import { createServer, type Server } from "node:net";
import { test } from "node:test";
import { parseConfig } from "../config/config.js";
import { parseWatchConfig } from "../watch/config.js";
import type { DashboardContext } from "../watch/dashboard-slot.js";
import type { Watcher } from "../watch/watcher.js";
import { webDashboard } from "./watch-dashboard.js";

/** A port held by another server on 127.0.0.1 for the test's length. */
function takenPort(): Promise<{ port: number; server: Server }> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () =>
      resolve({ port: (server.address() as { port: number }).port, server }),
    );
  });
}

/** The daemon's side for a config file's text, without a store; its problem lines collected. */
function context(text: string) {
  const config = parseConfig(text, "lg.yaml");
  const listeners: unknown[] = [];
  const problems: string[] = [];
  const ctx: DashboardContext = {
    file: { config, text, file: "lg.yaml" },
    cfg: parseWatchConfig(config.watch, text, "lg.yaml"),
    watcher: { listen: (l: unknown) => listeners.push(l) } as unknown as Watcher,
    store: null,
    host: "h1",
    problem: (m) => problems.push(m),
  };
  return { ctx, listeners, problems };
}

test("webDashboard refuses a --serve that is neither HOST:PORT nor off, before anything starts", () => {
  assert.throws(() => webDashboard("9470"), /^Error: --serve: .*expected HOST:PORT.*\(or "off"\)$/);
});

test("--serve off, or serve: false without --serve, starts no dashboard", async () => {
  for (const [flag, text] of [
    ["off", "watch:\n  interfaces: [eth0]\n"],
    [undefined, "serve: false\n"],
  ] as const) {
    const c = context(text);
    const running = await webDashboard(flag)(c.ctx);
    assert.equal(running.url, null, `${flag} ${text}`);
    assert.deepEqual(c.problems, []);
    running.started();
    await running.stop();
  }
});

test("a dashboard port that cannot be bound is one problem line, and the watcher goes on", async (t) => {
  const held = await takenPort();
  t.after(() => held.server.close());
  const c = context("");
  const running = await webDashboard(`127.0.0.1:${held.port}`)(c.ctx);
  assert.equal(running.url, null);
  assert.equal(c.problems.length, 1);
  assert.match(
    c.problems[0] ?? "",
    /^dashboard not started \(--serve 127\.0\.0\.1:\d+\): .*EADDRINUSE/,
  );
  await running.stop();
});
