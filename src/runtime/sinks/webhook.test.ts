import assert from "node:assert/strict";
import { test } from "node:test";
import type { WatchEvent } from "../../events/types.js";
import { SinkConfigError } from "./address.js";
import { httpReceiver } from "./local-receivers.js";
import { createWebhookSink, parseRetryAfter } from "./webhook.js";

const ev: WatchEvent = {
  t_ms: Date.UTC(2024, 0, 1),
  kind: "lacp-partner-lost",
  subject: "bond0",
  severity: "critical",
  detail: "bond0 lost its LACP partner on eth0",
  ifname: "eth0",
  host: "lab-01",
};
const fast = { retryMinMs: 10, retryMaxMs: 50 };

test("the webhook retries 5xx answers and a request that times out, then delivers", async () => {
  const rx = await httpReceiver((n) => (n === 0 ? 503 : n === 1 ? "hang" : 200));
  const url = `http://127.0.0.1:${rx.port}/hook`;
  const sink = createWebhookSink({ url, timeoutMs: 200, ...fast });
  sink.write(ev);
  await sink.flush(5000);
  assert.equal(rx.requests, 3);
  assert.deepEqual(
    rx.got.map((r) => r.kind),
    ["lacp-partner-lost"],
  );
  assert.equal(sink.stats().sent, 1);
  assert.match(sink.stats().lastError ?? "", /timeout|abort/i);
  await sink.close();
  await rx.close();
});

test("the webhook gives up after max attempts, and at once on a 4xx answer", async () => {
  const rx = await httpReceiver((n) => (n < 3 ? 500 : 404));
  const sink = createWebhookSink({ url: `http://127.0.0.1:${rx.port}/`, maxAttempts: 3, ...fast });
  sink.write(ev); // 500, 500, 500: three attempts, failed
  sink.write(ev); // 404: one attempt, failed
  await sink.flush(5000);
  assert.equal(rx.requests, 4);
  assert.deepEqual(sink.stats(), {
    sent: 0,
    queued: 0,
    dropped: 0,
    failed: 2,
    lastError: "HTTP 404 Not Found",
  });
  await sink.close();
  await rx.close();
});

test("the webhook sends its headers and the event as a JSON object", async () => {
  const rx = await httpReceiver();
  const sink = createWebhookSink({
    url: `http://127.0.0.1:${rx.port}/`,
    headers: { Authorization: "Bearer s3cret" },
  });
  sink.write(ev);
  await sink.flush(5000);
  const [r] = await rx.waitFor(1);
  assert.equal(r?.headers?.authorization, "Bearer s3cret");
  assert.equal(r?.headers?.["content-type"], "application/json");
  assert.deepEqual(JSON.parse(r?.raw ?? "{}"), { time: "2024-01-01T00:00:00.000Z", ...ev });
  await sink.close();
  await rx.close();
});

test("createWebhookSink checks url, headers and numbers, and never names the url's path", () => {
  const bad = [
    { url: "ftp://example.net/" },
    { url: "not a url" },
    { url: "https://example.net/", headers: { "bad header": "x" } },
    { url: "https://example.net/", headers: { ok: "line\nbreak" } },
    { url: "https://example.net/", maxAttempts: 0 },
    { url: "https://example.net/", timeoutMs: 1.5 },
  ];
  for (const o of bad)
    assert.throws(() => createWebhookSink(o), SinkConfigError, JSON.stringify(o));
  try {
    createWebhookSink({ url: "https://example.net/", headers: { ok: "tok\nen" } });
  } catch (err) {
    assert.ok(!String(err).includes("tok"), "the error repeats a header value");
  }
  const sink = createWebhookSink({ url: "https://hooks.example.net:8443/T000/B000/XXXX?x=1" });
  assert.equal(sink.name, "webhook:https://hooks.example.net:8443");
  void sink.close();
});

test("parseRetryAfter reads seconds and HTTP dates", () => {
  const now = Date.UTC(2024, 0, 1);
  assert.equal(parseRetryAfter("7", now), 7000);
  assert.equal(parseRetryAfter("Mon, 01 Jan 2024 00:00:30 GMT", now), 30_000);
  assert.equal(parseRetryAfter(null, now), undefined);
  assert.equal(parseRetryAfter("soon", now), undefined);
});
