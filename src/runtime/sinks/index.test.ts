import assert from "node:assert/strict";
import { test } from "node:test";
import { sinkConfigSchema } from "./config-schema.js";
import { createSink, type SinkConfig, SinkConfigError } from "./index.js";

const good: SinkConfig[] = [
  { type: "syslog", host: "10.0.0.5", port: 514, protocol: "udp" },
  {
    type: "syslog",
    host: "loghost.example",
    port: 6514,
    protocol: "tcp",
    facility: "local3",
    app: "lg",
  },
  { type: "jsonl", path: "-" },
  { type: "jsonl", path: "/var/log/linkguard/events.jsonl", queue_capacity: 5000 },
  {
    type: "webhook",
    url: "https://hooks.example/x",
    headers: { Authorization: "Bearer t" },
    timeout_ms: 2000,
    max_attempts: 3,
    drop: "drop-oldest",
  },
];

test("sinkConfigSchema accepts each kind of sink and createSink builds it", async () => {
  const names = [];
  for (const c of good) {
    assert.deepEqual(sinkConfigSchema.parse(c), c);
    const sink = createSink(c);
    names.push(sink.name);
    await sink.close();
  }
  assert.deepEqual(names, [
    "syslog-udp:10.0.0.5:514",
    "syslog-tcp:loghost.example:6514",
    "jsonl:stdout",
    "jsonl:/var/log/linkguard/events.jsonl",
    "webhook:https://hooks.example",
  ]);
});

test("sinkConfigSchema names the field that is wrong", () => {
  const cases: Array<[unknown, string]> = [
    [{ type: "syslog", host: "a b", port: 514, protocol: "udp" }, "host"],
    [{ type: "syslog", host: "h", port: 70000, protocol: "udp" }, "port"],
    [{ type: "syslog", host: "h", port: 514, protocol: "sctp" }, "protocol"],
    [{ type: "syslog", host: "h", port: 514, protocol: "udp", facility: "local9" }, "facility"],
    [{ type: "syslog", host: "h", port: 514, protocol: "udp", app: "two words" }, "app"],
    [{ type: "jsonl", path: "" }, "path"],
    [{ type: "jsonl", path: "-", colour: "red" }, ""],
    [{ type: "webhook", url: "file:///etc/passwd" }, "url"],
    [{ type: "webhook", url: "https://h/", max_attempts: 0 }, "max_attempts"],
    [{ type: "webhook", url: "https://h/", queue_capacity: 0 }, "queue_capacity"],
    [{ type: "kafka" }, "type"],
  ];
  for (const [c, field] of cases) {
    const r = sinkConfigSchema.safeParse(c);
    assert.equal(r.success, false, JSON.stringify(c));
    assert.equal(r.error?.issues[0]?.path.join("."), field, JSON.stringify(c));
  }
});

test("createSink throws SinkConfigError for a config that skipped the schema", () => {
  assert.throws(
    () => createSink({ type: "syslog", host: "h", port: 0, protocol: "udp" }),
    SinkConfigError,
  );
  assert.throws(() => createSink({ type: "kafka" } as unknown as SinkConfig), SinkConfigError);
});
