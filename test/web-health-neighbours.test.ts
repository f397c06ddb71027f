// The health view's members say which switch port they are cabled to (LLDP/CDP neighbours).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { readHost } from "../src/host/read/read-host.js";
import { mpathGroups, withCabling } from "../src/web/health.js";
import { hostGroups } from "../src/web/host-groups.js";
import { launchBrowser, waitReady } from "./support/browser.js";
import { writeDashboardStore } from "./support/dashboard-store.js";
import { REPO_ROOT } from "./support/paths.js";
import { needs } from "./support/requires.js";
import { freePort, startServe } from "./support/serve.js";

test("the health view's bond members carry the switch and port lldpd heard on them", () => {
  const snap = readHost(`${REPO_ROOT}/test/fixtures/hosts/8023ad-two-switches-no-mlag`, {
    live: false,
  });
  const [bond] = hostGroups(snap, []);
  assert.deepEqual(
    bond?.members.map((m) => [m.name, m.neighbour]),
    [
      ["eno1", "sw-a Ethernet1/5"],
      ["eno2", "sw-b Ethernet1/5"],
    ],
  );
});

test("members without a neighbour have no neighbour field (the page shows nothing)", () => {
  const snap = readHost(`${REPO_ROOT}/test/fixtures/hosts/8023ad-two-aggregators`, { live: false });
  assert.ok(hostGroups(snap, [])[0]?.members.every((m) => !("neighbour" in m)));
});

test("mpath members get their switch port from the doctor's cabling, LLDP before CDP", () => {
  const [group] = withCabling(
    mpathGroups({
      updated_ms: 0,
      pid: 1,
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
    }),
    [
      {
        interface: "eth0",
        protocol: "cdp",
        switch: "core1",
        chassis_id: "core1",
        port_id: "Gi0/1",
        port_description: null,
        vlan: null,
        management: [],
        aggregated: null,
        evidence: { file: "f", line: 1, text: "" },
      },
      {
        interface: "eth0",
        protocol: "lldp",
        switch: "sw-a",
        chassis_id: null,
        port_id: "Ethernet1/5",
        port_description: null,
        vlan: null,
        management: [],
        aggregated: null,
        evidence: { file: "f", line: 2, text: "" },
      },
    ],
  );
  assert.deepEqual(
    group?.members.map((m) => [m.name, m.neighbour]),
    [
      ["eth0", "sw-a Ethernet1/5"],
      ["eth1", undefined],
    ],
  );
});

test("the health view shows each bond member's switch port beside its state", {
  skip: needs({ tools: ["chromium"] }),
  timeout: 60_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-web-neighbours-"));
  const root = join(REPO_ROOT, "test/fixtures/hosts/8023ad-two-switches-no-mlag");
  const db = join(dir, "lg.db");
  writeDashboardStore(db, { interfaces: 2, hours: 1, now: Date.now() });
  const served = await startServe(["--store", db, "--doctor-root", root], await freePort());
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await page.goto(`${served.url}/#/health`);
    await waitReady(page, "health");
    const member = (name: string) =>
      page.locator(
        `[data-testid=health-group][data-group=bond0] [data-testid=health-member][data-member=${name}] [data-testid=member-neighbour]`,
      );
    assert.equal(await member("eno1").textContent(), " · cabled to sw-a Ethernet1/5");
    assert.equal(await member("eno2").textContent(), " · cabled to sw-b Ethernet1/5");
    const finding = page.locator("[data-testid=finding][data-rule=bond-spans-switches]");
    assert.equal(await finding.count(), 1);
  } finally {
    await browser.close();
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
