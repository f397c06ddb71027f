import assert from "node:assert/strict";
import { createServer } from "node:net";
import { test } from "node:test";
import { Counter, Registry } from "prom-client";
import { parseListen, serveMetrics } from "./metrics-server.js";

/** A port on 127.0.0.1 that was free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

test("parseListen reads IPv4, bracketed IPv6 and localhost, and refuses a missing or bad port", () => {
  assert.deepEqual(parseListen("127.0.0.1:9469"), { host: "127.0.0.1", port: 9469 });
  assert.deepEqual(parseListen("[::1]:9470"), { host: "::1", port: 9470 });
  assert.deepEqual(parseListen("localhost:1"), { host: "localhost", port: 1 });
  for (const bad of ["127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", "example.com:80", ":9469"])
    assert.throws(() => parseListen(bad), /expected HOST:PORT/, bad);
});

test("serveMetrics answers /metrics with the registry's text and any other path with 404", async (t) => {
  const registry = new Registry();
  new Counter({ name: "linkguard_test_total", help: "a test counter", registers: [registry] }).inc(
    3,
  );
  const port = await freePort();
  const server = await serveMetrics(registry, `127.0.0.1:${port}`);
  t.after(() => server.close());
  const ok = await fetch(`http://127.0.0.1:${port}/metrics`);
  assert.equal(ok.status, 200);
  assert.match(await ok.text(), /^linkguard_test_total 3$/m);
  const other = await fetch(`http://127.0.0.1:${port}/`);
  assert.equal(other.status, 404);
  await other.text();
});

test("serveMetrics rejects when the port is taken, so the daemon can say so", async (t) => {
  const port = await freePort();
  const first = await serveMetrics(new Registry(), `127.0.0.1:${port}`);
  t.after(() => first.close());
  await assert.rejects(serveMetrics(new Registry(), `127.0.0.1:${port}`), /EADDRINUSE/);
});
