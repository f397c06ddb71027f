import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "../config/config.js";
import { parseWatchConfig } from "./config.js";

function watchOf(text: string) {
  return parseWatchConfig(parseConfig(text, "lg.yaml").watch, text, "lg.yaml");
}

test("an empty file gives the documented defaults", () => {
  const c = watchOf("");
  assert.equal(c.interval_ms, 1000);
  assert.equal(c.probes.interval_ms, 1000);
  assert.equal(c.probes.auto_gateway, true);
  assert.equal(c.metrics, "127.0.0.1:9469");
  assert.deepEqual(c.store, {
    path: "/var/lib/linkguard/linkguard.db",
    raw_hours: 24,
    rollup_days: 30,
  });
});

test("a full watch section is read", () => {
  const c = watchOf(`watch:
  interval_ms: 100
  interfaces: [eth0, eth1]
  probes:
    interval_ms: 20
    targets: [10.0.0.1]
    arp_targets: [10.0.0.2]
  store: false
  metrics: false
  sinks:
    - { type: syslog, host: 10.0.0.9, port: 514, protocol: tcp }
`);
  assert.equal(c.interval_ms, 100);
  assert.deepEqual(c.interfaces, ["eth0", "eth1"]);
  assert.equal(c.probes.interval_ms, 20);
  assert.equal(c.store, false);
  assert.equal(c.sinks[0]?.type, "syslog");
});

test("errors name the file, the line and the key", () => {
  assert.throws(
    () => watchOf("watch:\n  interval_ms: 100\n  probes:\n    interval_ms: 5\n"),
    /^ConfigError: lg\.yaml:4: watch\.probes\.interval_ms: /,
  );
  assert.throws(
    () => watchOf("watch:\n  interfaces: [eth0, 'bad name with spaces']\n"),
    /lg\.yaml:2: watch\.interfaces\.1: an interface name/,
  );
  assert.throws(() => watchOf("watch:\n  colour: blue\n"), /lg\.yaml:\d+: watch/);
  assert.throws(
    () =>
      watchOf("watch:\n  sinks:\n    - { type: syslog, host: 'a;b', port: 514, protocol: udp }\n"),
    /lg\.yaml:3: watch\.sinks\.0\.host/,
  );
});

test("heal.settle_s: unset means derived from the bond, else seconds within 0..3600", () => {
  assert.equal(watchOf("").heal.settle_s, undefined);
  assert.equal(watchOf("watch:\n  heal:\n    settle_s: 30\n").heal.settle_s, 30);
  assert.throws(
    () => watchOf("watch:\n  heal:\n    settle_s: -1\n"),
    /lg\.yaml:3: watch\.heal\.settle_s/,
  );
});
