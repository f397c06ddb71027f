import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { until } from "../../../test/support/wait.js";
import type { WatchEvent } from "../../events/types.js";
import { SinkConfigError } from "./address.js";
import { closedPort, tcpReceiver, udpReceiver } from "./local-receivers.js";
import { createSyslogSink } from "./syslog.js";

const ev = (i: number): WatchEvent => ({
  t_ms: Date.UTC(2024, 0, 1) + i,
  kind: "active-slave-changed",
  subject: "bond0",
  severity: "warning",
  detail: `switch ${i}`,
  host: "lab-01",
});

test("createSyslogSink refuses a bad host or port before sending anything", () => {
  const bad: Array<[string, number]> = [
    ["", 514],
    ["host name", 514],
    ["-bad.example", 514],
    ["[::1]", 514],
    ["10.0.0.1:514", 514],
    ["10.0.0.1", 0],
    ["10.0.0.1", 65536],
    ["10.0.0.1", 51.4],
  ];
  for (const [host, port] of bad) {
    assert.throws(() => createSyslogSink({ host, port, protocol: "udp" }), SinkConfigError, host);
  }
  for (const host of ["10.0.0.1", "::1", "syslog.example.net", "loghost", "loghost."]) {
    assert.doesNotThrow(() => createSyslogSink({ host, port: 514, protocol: "tcp" }).close());
  }
});

test("the sink's name says protocol, host and port", async () => {
  const a = createSyslogSink({ host: "::1", port: 6514, protocol: "tcp" });
  const b = createSyslogSink({ host: "loghost", port: 514, protocol: "udp" });
  assert.deepEqual([a.name, b.name], ["syslog-tcp:[::1]:6514", "syslog-udp:loghost:514"]);
  await Promise.all([a.close(), b.close()]);
});

test("UDP syslog uses the facility, app name and pid it is given", async () => {
  const rx = await udpReceiver();
  const sink = createSyslogSink({
    host: "127.0.0.1",
    port: rx.port,
    protocol: "udp",
    facility: "local4",
    app: "lg-test",
  });
  sink.write(ev(1));
  await sink.flush(5000);
  const [r] = await rx.waitFor(1);
  assert.match(r?.raw ?? "", new RegExp(`^<164>1 \\S+ lab-01 lg-test ${process.pid} active-slave`));
  await sink.close();
  await rx.close();
});

test("TCP syslog keeps events queued while the server is down and sends them once it is up", async () => {
  const port = await closedPort();
  const sink = createSyslogSink({
    host: "127.0.0.1",
    port,
    protocol: "tcp",
    reconnectMinMs: 20,
    reconnectMaxMs: 80,
  });
  try {
    for (const i of [0, 1, 2]) sink.write(ev(i));
    await until("the refused connection", 5000, () =>
      /ECONNREFUSED/.test(sink.stats().lastError ?? "") ? true : undefined,
    );
    assert.equal(sink.stats().queued, 3);
    const rx = await tcpReceiver({ port });
    await sink.flush(5000);
    assert.deepEqual(
      (await rx.waitFor(3)).map((r) => r.detail),
      ["switch 0", "switch 1", "switch 2"],
    );
    // The server restarts: the sink notices the closed connection and connects again.
    await rx.close();
    const rx2 = await tcpReceiver({ port });
    await sleep(50);
    sink.write(ev(3));
    await sink.flush(5000);
    assert.deepEqual(
      (await rx2.waitFor(1)).map((r) => r.detail),
      ["switch 3"],
    );
    assert.deepEqual(sink.stats().sent, 4);
    await rx2.close();
  } finally {
    await sink.close();
  }
});
