import assert from "node:assert/strict";
import { test } from "node:test";
import { startLine } from "./start-line.js";

test("a bare watcher says what it lacks, so the reader knows nothing is recorded", () => {
  assert.equal(
    startLine({
      probePaths: 0,
      targets: [],
      store: null,
      metrics: null,
      dashboardUrl: null,
      neighbours: null,
      prober: "prober: ping/arping (no addon)",
    }),
    "linkguard watch: 0 probe paths (no targets), no store, no metrics, no dashboard, no LLDP/CDP listening; prober: ping/arping (no addon)\n",
  );
});

test("every running part is named with where to find it", () => {
  assert.equal(
    startLine({
      probePaths: 4,
      targets: ["10.0.0.1", "10.0.0.254"],
      store: "/var/lib/linkguard/linkguard.db",
      metrics: "127.0.0.1:9469",
      dashboardUrl: "http://127.0.0.1:9470/",
      neighbours: {
        members: ["eth0", "eth1"],
        announcing: ["eth0"],
        listener: "native (packet sockets, kernel BPF filter)",
      },
      prober: "prober: native (raw sockets)",
    }),
    "linkguard watch: 4 probe paths (10.0.0.1, 10.0.0.254), store /var/lib/linkguard/linkguard.db, metrics http://127.0.0.1:9469/metrics, dashboard http://127.0.0.1:9470/, LLDP/CDP heard on eth0, eth1 (listener: native (packet sockets, kernel BPF filter)), LLDP sent on eth0; prober: native (raw sockets)\n",
  );
});
