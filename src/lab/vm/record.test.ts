import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { recordSnapshot, renderProvenance } from "./record.js";

const p = {
  scenario: "lacp-no-partner",
  label: "",
  user: "nobody (uid 65534)",
  kernel: "linux-image-6.1.0-57-amd64 6.1.192-3",
  accel: "tcg",
};

test("renderProvenance names the Debian kernel package, the scenario and the user", () => {
  const text = renderProvenance(p, new Date("2026-12-04T18:00:00Z"));
  assert.match(text, /^kernel: Debian linux-image-6\.1\.0-57-amd64 6\.1\.192-3 .*TCG/m);
  assert.match(text, /^scenario: lacp-no-partner$/m);
  assert.match(text, /as nobody \(uid 65534\)$/m);
  assert.match(text, /^recorded: 2026-12-04$/m);
});

test("recordSnapshot copies the snapshot inside the directory and replaces an old recording", () => {
  const dir = mkdtempSync(join(tmpdir(), "lg-record-"));
  try {
    const snap = join(dir, "from", "linkguard-snapshot-server-20261204T180000");
    mkdirSync(join(snap, "proc/net/bonding"), { recursive: true });
    writeFileSync(join(snap, "proc/net/bonding/bond0"), "Ethernet Channel Bonding Driver\n");
    const to = join(dir, "to");
    mkdirSync(to);
    writeFileSync(join(to, "stale"), "old");
    recordSnapshot(join(dir, "from"), to, p);
    assert.equal(
      readFileSync(join(to, "proc/net/bonding/bond0"), "utf8"),
      "Ethernet Channel Bonding Driver\n",
    );
    assert.match(readFileSync(join(to, "PROVENANCE"), "utf8"), /lacp-no-partner/);
    assert.throws(() => readFileSync(join(to, "stale")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
