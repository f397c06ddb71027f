// Golden doctor tests on snapshots taken inside the VM lab, on Debian's kernel with its real
// bonding driver (test/fixtures/real-kernel/<scenario>[-label]-<root|user>, each with a
// PROVENANCE). No root needed: every `npm test` checks the parsers and the bond rules against
// real kernel output, including what an unprivileged user sees. Re-record with
// `sudo linkguard lab run <scenario> --record-fixtures test/fixtures/real-kernel`.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { diagnose } from "../src/doctor/engine.js";
import { readHost } from "../src/host/read/read-host.js";
import { REPO_ROOT } from "./support/paths.js";

const DIR = join(REPO_ROOT, "test/fixtures/real-kernel");

interface Expect {
  /** Rules that must fire, with their severity. */
  fires: Record<string, string>;
  /** Rules that must stay silent. */
  silent: string[];
  /** Rules that fire only in the root view (the unprivileged one cannot see their input). */
  rootOnly?: Record<string, string>;
  /** What the unprivileged view must admit it did not see. */
  userUnseen?: RegExp;
  /** Finding titles the scenario says the report holds (root and nobody alike). */
  titles?: RegExp[];
}

/** What each scenario says the doctor finds on its snapshot (root and nobody alike). */
const EXPECT: Record<string, Expect> = {
  // incident 000: the switch's ports are in no LACP channel
  "lacp-no-partner": {
    fires: { "lacp-no-partner": "critical" },
    silent: ["failover-mac-virtual", "bond-arp-validate", "bond-slave-down"],
  },
  // incident 004 part 2: eth0's partner LACPDUs lost, carrier up, eth1 still aggregated
  "lacp-expired": {
    fires: { "lacp-no-partner": "warning" },
    silent: ["bond-slave-down", "failover-mac-virtual"],
    // The kernel shows Expired for three LACP timeouts, then Defaulted: the recorded state is
    // Defaulted (port state 71), and the title must name it.
    titles: [/no LACP partner on eth0 \(Defaulted on eth0: no LACPDUs from the switch; 1 member/],
  },
  // a member's cable cut: MII down, the other member carries
  "member-cut-802.3ad": {
    fires: { "bond-slave-down": "warning" },
    silent: ["lacp-no-partner", "failover-mac-virtual"],
  },
  "member-cut-active-backup": {
    fires: { "bond-slave-down": "warning" },
    silent: ["lacp-no-partner"],
  },
  // incident 003: active-backup with fail_over_mac none in a VM
  "ab-virtual-switch": {
    fires: { "failover-mac-virtual": "warning" },
    silent: ["lacp-no-partner", "bond-slave-down"],
  },
  // an ARP monitor that accepts any frame as proof, then one that validates
  "arp-validate-none": {
    fires: { "bond-arp-validate": "warning" },
    silent: ["bond-slave-down"],
  },
  "arp-validate-all": {
    fires: {},
    silent: ["bond-arp-validate"],
  },
  // teamd's lacp runner with a partner on eth0 only
  "team-lacp": {
    fires: {},
    silent: ["lacp-no-partner"],
    rootOnly: { "team-port-down": "warning" },
    // teamdctl refuses non-root users: the doctor must say so, not call the team healthy
    userUnseen: /teamdctl team0 state dump/,
  },
};

function fixtures(): string[] {
  return existsSync(DIR)
    ? readdirSync(DIR)
        .filter((d) => /-(root|user)$/.test(d))
        .sort()
    : [];
}

test("every real-kernel fixture has its scenario's expectations and a PROVENANCE naming the kernel", () => {
  assert.ok(fixtures().length > 0, "no fixtures recorded");
  for (const f of fixtures()) {
    const scenario = f.replace(/-(root|user)$/, "");
    assert.ok(EXPECT[scenario], `${f}: no expectations for "${scenario}" in this test`);
    const prov = readFileSync(join(DIR, f, "PROVENANCE"), "utf8");
    assert.match(prov, /^kernel: Debian linux-image-\S+-amd64 /m, `${f}/PROVENANCE`);
    assert.match(prov, /as (root|nobody)/, `${f}/PROVENANCE`);
  }
});

for (const f of fixtures()) {
  const e = EXPECT[f.replace(/-(root|user)$/, "")];
  if (!e) continue;
  test(`doctor on the real-kernel snapshot ${f}`, () => {
    const report = diagnose(readHost(join(DIR, f), { live: false }));
    const got = new Map(report.findings.map((x) => [x.rule, x.severity]));
    for (const [rule, severity] of Object.entries(e.fires))
      assert.equal(
        got.get(rule),
        severity,
        `${rule} should fire ${severity} (fired: ${[...got].join(", ")})`,
      );
    for (const rule of e.silent) assert.ok(!got.has(rule), `${rule} should stay silent`);
    if (f.endsWith("-root"))
      for (const [rule, severity] of Object.entries(e.rootOnly ?? {}))
        assert.equal(got.get(rule), severity, `${rule} should fire ${severity} as root`);
    if (f.endsWith("-user") && e.userUnseen)
      assert.ok(
        report.unseen.some((u) => e.userUnseen?.test(u)),
        `the unprivileged view should say what it did not see (unseen: ${report.unseen.join("; ")})`,
      );
    const titles = report.findings.map((x) => `${x.rule}: ${x.title}`).join("\n");
    for (const title of e.titles ?? []) assert.match(titles, title);
  });
}
