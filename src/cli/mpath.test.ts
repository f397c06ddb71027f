import assert from "node:assert/strict";
import { test } from "node:test";
import { pidAlive, renderMpathStatus, statusFileOf } from "./mpath.js";

test("status reads like ipmpstat: groups, interfaces, addresses, targets", () => {
  const text = renderMpathStatus(
    {
      updated_ms: 10_000,
      pid: 42,
      dry_run: false,
      groups: [
        {
          name: "web",
          state: "degraded",
          failure_detection_ms: 10_000,
          probe_interval_ms: 1429,
          targets: ["10.0.0.1"],
          members: [
            { name: "eth0", state: "failed", link: false, probes: "failed" },
            { name: "eth1", state: "active", link: true, probes: "ok" },
          ],
          addresses: [{ address: "10.0.0.50/24", member: "eth1", home: "eth0" }],
        },
      ],
      probes: [
        {
          member: "eth1",
          target: "10.0.0.1",
          sent: 100,
          lost: 2,
          rtt_avg_ms: 0.21,
          rtt_dev_ms: 0.05,
        },
      ],
      prober: "ping",
    },
    11_500,
  );
  assert.match(text, /state from 1\.5 s ago, ping\/arping prober$/m);
  assert.match(text, /^web\s+degraded\s+10\.0s\s+1429ms\s+\[eth0\] eth1$/m);
  assert.match(text, /^eth0\s+web\s+failed\s+down\s+failed$/m);
  assert.match(text, /^10\.0\.0\.50\/24\s+web\s+eth1\s+eth0$/m);
  assert.match(text, /^10\.0\.0\.1\s+eth1\s+100\s+2\s+0\.21\/0\.05 ms$/m);
});

test("status shows the switch and port beside each member when the watcher heard them", () => {
  const text = renderMpathStatus(
    {
      updated_ms: 10_000,
      pid: 42,
      dry_run: false,
      groups: [
        {
          name: "web",
          state: "ok",
          failure_detection_ms: 10_000,
          probe_interval_ms: 1429,
          targets: [],
          members: [
            { name: "eth0", state: "active", link: true, probes: "ok" },
            { name: "eth1", state: "active", link: true, probes: "ok" },
          ],
          addresses: [],
        },
      ],
      probes: [],
    },
    10_000,
    (ifname) => (ifname === "eth0" ? "sw-a Ethernet1/5" : undefined),
  );
  assert.match(text, /^INTERFACE\s+GROUP\s+STATE\s+LINK\s+PROBE\s+NEIGHBOUR$/m);
  assert.match(text, /^eth0\s+web\s+active\s+up\s+ok\s+sw-a Ethernet1\/5$/m);
  assert.match(text, /^eth1\s+web\s+active\s+up\s+ok\s+-$/m);
});

test("a daemon owned by another user (EPERM) is running; a gone one (ESRCH) is not", () => {
  const throwing = (code: string) => () => {
    throw Object.assign(new Error(code), { code });
  };
  assert.equal(
    pidAlive(42, () => true),
    true,
  );
  assert.equal(pidAlive(42, throwing("EPERM")), true);
  assert.equal(pidAlive(42, throwing("ESRCH")), false);
  // the real call: this process is alive; as a normal user, so is pid 1 (root's)
  assert.equal(
    pidAlive(process.pid, (p, s) => process.kill(p, s)),
    true,
  );
  assert.equal(
    pidAlive(1, (p, s) => process.kill(p, s)),
    true,
  );
});

test("status reads the state file the config moved it to, unless --status-file says", () => {
  assert.equal(statusFileOf(undefined, undefined), "/run/linkguard/mpath.json");
  assert.equal(statusFileOf(undefined, { status_file: "/srv/mpath.json" }), "/srv/mpath.json");
  assert.equal(statusFileOf("/tmp/x.json", { status_file: "/srv/mpath.json" }), "/tmp/x.json");
});
