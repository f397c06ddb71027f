// The watcher reading /proc/net/bonding from a directory of real samples (the corpus): a bond
// whose active slave moves, between two samples, is one active-slave-changed event.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { WatchEvent } from "../src/events/types.js";
import { Watcher } from "../src/watch/watcher.js";
import { CORPUS } from "./support/paths.js";

test("a real active-backup bond failing over between samples", () => {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-bonding-"));
  try {
    const healthy = readFileSync(
      join(CORPUS, "proc-net-bonding", "active-backup-10g-healthy.txt"),
      "utf8",
    );
    writeFileSync(join(dir, "bond0"), healthy);
    const w = new Watcher({
      host: "h",
      intervalMs: 1000,
      probeIntervalMs: 1000,
      interfaces: ["lo"],
      probes: [],
      procNetBonding: dir,
      netlink: false,
    });
    const events: WatchEvent[] = [];
    w.listen({ event: (e) => events.push(e) });
    w.tick(1_000);
    w.tick(2_000);
    assert.equal(events.length, 0, "no change, no event");
    writeFileSync(
      join(dir, "bond0"),
      healthy.replace("Currently Active Slave: enp17s0f0", "Currently Active Slave: enp17s0f1"),
    );
    w.tick(3_000);
    assert.deepEqual(
      events.map((e) => [e.kind, e.detail]),
      [["active-slave-changed", "bond0 active slave moved from enp17s0f0 to enp17s0f1"]],
    );
    assert.equal(events[0]?.incident_id, 1, "a failover opens an incident");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
