// The doctor reads the watcher's neighbour table from its store when the root has the store
// but not the state file (a sosreport or a copied root: /run is not collected), and explains
// the two-switch bond from it as it does from lldpd's output.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { diagnoseRoot } from "../src/doctor/diagnose-root.js";
import type { NeighbourRecord } from "../src/host/parse/neighbours-jsonl.js";
import { readHost } from "../src/host/read/read-host.js";
import { WATCH_NEIGHBOURS_FILE } from "../src/host/read/read-neighbours.js";
import { WATCH_STORE_FILE } from "../src/host/read/store-neighbours.js";
import { openStore } from "../src/store/store.js";
import { REPO_ROOT } from "./support/paths.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-store-neighbours-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const FIXTURE = join(REPO_ROOT, "test/fixtures/hosts/8023ad-two-switches-no-mlag");
const T0 = Date.UTC(2026, 11, 4, 10, 0, 0);

/** The switches of the fixture's lldpd output, as the watcher heard them. */
const heard = (ifname: string, sw: "a" | "b", fields: Partial<NeighbourRecord> = {}) => ({
  ifname,
  protocol: "lldp" as const,
  chassisId: sw === "a" ? "44:4c:a8:aa:00:01" : "44:4c:a8:bb:00:01",
  systemName: `sw-${sw}`,
  portId: "Ethernet1/5",
  portDescription: `web01 ${ifname}`,
  managementAddresses: [sw === "a" ? "192.0.2.11" : "192.0.2.12"],
  vlan: 10,
  aggregation: { supported: true, enabled: true, portId: 1000005 },
  ttl: 120,
  heardMs: T0,
  ...fields,
});

/** A root with the fixture's bond0 and the watcher's store, no lldpd output, no state file. */
function rootWithStore(name: string): string {
  const root = join(tmp, name);
  mkdirSync(join(root, "proc/net/bonding"), { recursive: true });
  cpSync(join(FIXTURE, "proc/net/bonding/bond0"), join(root, "proc/net/bonding/bond0"));
  const store = openStore(join(root, WATCH_STORE_FILE), { flushEveryMs: 0, maintainEveryMs: 0 });
  // eno1 was on sw-b Ethernet1/9 before it was re-cabled: an expired row the doctor must skip.
  store.putNeighbour(heard("eno1", "b", { portId: "Ethernet1/9", heardMs: T0 - 3_600_000 }));
  store.neighbourGone(heard("eno1", "b", { portId: "Ethernet1/9" }), T0 - 3_400_000);
  store.putNeighbour(heard("eno1", "a"));
  store.putNeighbour(heard("eno2", "b"));
  store.close();
  return root;
}

test("the doctor explains the two-switch bond from the watcher's store as from lldpd's output, citing the store's rows", async () => {
  const fromStore = (await diagnoseRoot(rootWithStore("store"))).findings.find(
    (f) => f.rule === "bond-spans-switches",
  );
  const fromSos = (await diagnoseRoot(FIXTURE)).findings.find(
    (f) => f.rule === "bond-spans-switches",
  );
  assert.ok(fromStore && fromSos, "bond-spans-switches from both sources");
  assert.equal(fromStore.title, fromSos.title);
  assert.deepEqual(fromStore.fix, fromSos.fix);
  const cited = fromStore.evidence.filter((e) => e.file === WATCH_STORE_FILE).map((e) => e.text);
  assert.ok(cited.length > 0, "the store is the evidence");
  assert.ok(
    cited.some((t) =>
      /^neighbours row \d+: eno1 LLDP, system sw-a, chassis 44:4c:a8:aa:00:01, port Ethernet1\/5/.test(
        t,
      ),
    ),
    cited.join("\n"),
  );
  assert.ok(
    cited.every((t) => !t.includes("Ethernet1/9")),
    "the expired row is not cited",
  );
});

test("the state file wins over the store; a store that is a symlink out of the root or not a database is a problem, never a crash", () => {
  const both = rootWithStore("both");
  mkdirSync(join(both, "run/linkguard"), { recursive: true });
  writeFileSync(
    join(both, WATCH_NEIGHBOURS_FILE),
    `${JSON.stringify({ ifname: "eno1", protocol: "lldp", systemName: "from-state-file", ttl: 120, heardMs: T0 })}\n`,
  );
  assert.deepEqual(
    readHost(both, { live: false }).neighbours.map((n) => `${n.ifname} ${n.systemName}`),
    ["eno1 from-state-file"],
  );

  const outside = rootWithStore("outside-target");
  const linked = join(tmp, "linked");
  mkdirSync(join(linked, dirname(WATCH_STORE_FILE)), { recursive: true });
  cpSync(join(FIXTURE, "proc"), join(linked, "proc"), { recursive: true });
  symlinkSync(join(outside, WATCH_STORE_FILE), join(linked, WATCH_STORE_FILE));
  const viaLink = readHost(linked, { live: false });
  assert.deepEqual(viaLink.neighbours, []);
  assert.match(
    viaLink.problems.map((p) => p.message).join("\n"),
    /var\/lib\/linkguard\/linkguard\.db:0: skipped: not a regular file/,
  );

  const junk = join(tmp, "junk");
  mkdirSync(join(junk, dirname(WATCH_STORE_FILE)), { recursive: true });
  cpSync(join(FIXTURE, "proc"), join(junk, "proc"), { recursive: true });
  writeFileSync(join(junk, WATCH_STORE_FILE), "not a database, just text ".repeat(200));
  const fromJunk = readHost(junk, { live: false });
  assert.deepEqual(fromJunk.neighbours, []);
  assert.match(
    fromJunk.problems.map((p) => p.message).join("\n"),
    /linkguard\.db:0: the watcher's store: file is not a database/,
  );
});
