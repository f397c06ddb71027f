import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "../config/config.js";
import { parseWatchConfig } from "./config.js";
import { DEFAULT_DETECTOR_CONFIG } from "./detect/config.js";
import { detectorConfig, mergeFlags, syslogFlag, type WatchFlags } from "./watch-flags.js";

function watchOf(text: string) {
  return parseWatchConfig(parseConfig(text, "lg.yaml").watch, text, "lg.yaml");
}

const none: WatchFlags = {
  interface: [],
  target: [],
  arpTarget: [],
  autoGateway: true,
  store: true,
  capture: [],
};

const FILE = `watch:
  interval_ms: 100
  interfaces: [eth0, eth1]
  probes:
    targets: [10.0.0.1]
  store:
    path: /var/lib/lg/a.db
    raw_hours: 6
  sinks:
    - type: jsonl
      path: /var/log/lg.jsonl
`;

test("no flag leaves the file's settings as they are, and the file's object unchanged", () => {
  const cfg = watchOf(FILE);
  const before = structuredClone(cfg);
  assert.deepEqual(mergeFlags(cfg, none), cfg);
  assert.deepEqual(cfg, before);
});

test("flags win over the file: interfaces, targets, intervals, --db keeps the retention", () => {
  const out = mergeFlags(watchOf(FILE), {
    ...none,
    interface: ["bond0"],
    target: ["192.0.2.1"],
    interval: 50,
    probeInterval: 20,
    db: "/tmp/x.db",
    autoGateway: false,
  });
  assert.deepEqual(out.interfaces, ["bond0"]);
  assert.deepEqual(out.probes.targets, ["192.0.2.1"]);
  assert.equal(out.interval_ms, 50);
  assert.equal(out.probes.interval_ms, 20);
  assert.equal(out.probes.auto_gateway, false);
  assert.deepEqual(out.store, { path: "/tmp/x.db", raw_hours: 6, rollup_days: 30 });
});

test("sink flags add to the file's sinks; --no-store, --metrics off and --lldp off turn things off", () => {
  const out = mergeFlags(watchOf(FILE), {
    ...none,
    store: false,
    jsonl: "-",
    syslog: "[2001:db8::1]:514/tcp",
    metrics: "off",
    lldp: "off",
  });
  assert.deepEqual(
    out.sinks.map((s) => s.type),
    ["jsonl", "jsonl", "syslog"],
  );
  assert.equal(out.store, false);
  assert.equal(out.metrics, false);
  assert.equal(out.lldp.listen, false);
});

test("--syslog reads HOST:PORT with an optional protocol; --lldp needs an absolute path", () => {
  assert.deepEqual(syslogFlag("[2001:db8::1]:514/tcp"), {
    type: "syslog",
    host: "2001:db8::1",
    port: 514,
    protocol: "tcp",
  });
  assert.equal((syslogFlag("logs:514") as { protocol: string }).protocol, "udp");
  assert.throws(() => syslogFlag("logs"), /HOST:PORT/);
  assert.throws(() => mergeFlags(watchOf(""), { ...none, lldp: "neigh.json" }), /absolute path/);
});

test("the detector section overrides only the thresholds it names", () => {
  const d = detectorConfig(watchOf("watch:\n  detector:\n    probe_loss_count: 5\n"));
  assert.deepEqual(d, { ...DEFAULT_DETECTOR_CONFIG, probeLossCount: 5 });
});
