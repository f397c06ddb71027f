// The dashboard in a real browser against a real watcher. The watcher runs inside the lab's
// `server` namespace (it must sample that namespace's eth0/eth1) with its own --serve; the
// browser lives in the root namespace, where a loopback port inside the lab cannot be reached.
// So the test also runs `linkguard serve` in the root namespace on the SAME store file and
// capture directory: that is the supported "second reader" setup (the store is opened
// read-only, the stream polls it), and it lets the test stop and restart the server the page
// talks to, to see the page ride out a dropped connection.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import type { WatchEvent } from "../src/events/types.js";
import { injectFault } from "../src/lab/faults.js";
import { labDown, labUp } from "../src/lab/lab.js";
import { DUAL_HOMED } from "../src/lab/topologies.js";
import { launchBrowser, waitReady, withFailureReport } from "./support/browser.js";
import { writeDashboardStore } from "./support/dashboard-store.js";
import { withLabLock } from "./support/lab-lock.js";
import { CORPUS, REPO_ROOT } from "./support/paths.js";
import { needs } from "./support/requires.js";
import { freePort, type Served, startServe } from "./support/serve.js";
import { sleep, until } from "./support/wait.js";
import { startWatcher } from "./support/watcher.js";

const ARTIFACTS = join(REPO_ROOT, "test-artifacts");
const PCAP_MAGICS = ["a1b2c3d4", "d4c3b2a1", "a1b23c4d", "4d3cb2a1", "0a0d0d0a"];

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const notReloaded = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sameDocument?: string }).__sameDocument);

test(
  "the dashboard shows a lab fault live: marker, incident with capture, degraded member",
  {
    skip: needs({ root: true, tools: ["ip", "bridge", "ping", "sysctl", "tcpdump", "chromium"] }),
    timeout: 180_000,
  },
  () =>
    withLabLock(async () => {
      const dir = mkdtempSync(join(tmpdir(), "linkguard-web-page-"));
      const lab = await labUp(DUAL_HOMED);
      const events: WatchEvent[] = [];
      const captures = join(dir, "captures");
      const db = join(dir, "lg.db");
      let served: Served | undefined;
      let watcher: Awaited<ReturnType<typeof startWatcher>> | undefined;
      const browser = await launchBrowser();
      try {
        await withFailureReport(browser, "lab-fault", ARTIFACTS, async () => {
          const config = join(dir, "linkguard.yaml");
          writeFileSync(
            config,
            `watch:\n  capture:\n    interfaces: [eth0]\n    pre_seconds: 5\n    post_seconds: 2\n    dir: ${captures}\n    min_free_mb: 0\n    filter: icmp or arp\n`,
          );
          const nsPort = 9470;
          watcher = await startWatcher(
            lab.ns("server"),
            [
              ...["--config", config, "--db", db, "--interval", "100", "--probe-interval", "50"],
              ...["-i", "eth0,eth1", "--serve", `127.0.0.1:${nsPort}`],
            ],
            events,
          );
          // The watcher's own dashboard answers inside its namespace.
          const inside = spawnSync(
            "ip",
            [
              ...["netns", "exec", lab.ns("server"), process.execPath, "-e"],
              `fetch("http://127.0.0.1:${nsPort}/api/info").then(r=>r.json()).then(j=>console.log(j.store))`,
            ],
            { encoding: "utf8", timeout: 10_000 },
          );
          assert.equal(
            inside.stdout.trim(),
            db,
            `watch --serve inside the namespace: ${inside.stderr}`,
          );

          const port = await freePort();
          served = await startServe(["--store", db, "--captures", captures], port);
          const { page } = browser;
          await page.goto(`${served.url}/#/timeline`);
          await waitReady(page, "timeline");
          await page.evaluate(() => {
            (window as unknown as { __sameDocument: string }).__sameDocument = "loaded once";
          });

          await sleep(2500);
          const faultAt = Date.now();
          await injectFault(lab, "server:eth0", "silent-drop");

          // The failure arrives over the stream, with no reload: a marker in the list under the charts.
          const marker = page
            .locator(`[data-testid=event-item][data-class=failure]`)
            .filter({ hasText: "eth0" })
            .first();
          await marker.waitFor({ timeout: 20_000 });
          const tMs = Number(await marker.getAttribute("data-t-ms"));
          assert.ok(
            tMs >= faultAt - 500 && tMs <= faultAt + 10_000,
            `marker at ${tMs}, fault at ${faultAt}: ${tMs - faultAt} ms apart`,
          );
          const chart = page.locator("figure[data-testid=chart][data-ifname=eth0]");
          await page.waitForFunction(
            (t) => {
              const f = document.querySelector<HTMLElement>("figure[data-ifname=eth0]");
              return f !== null && Number(f.dataset.xMin) <= t && t <= Number(f.dataset.xMax);
            },
            tMs,
            { timeout: 10_000 },
          );
          assert.ok(Number(await chart.getAttribute("data-x-max")) >= tMs, "marker in the x-range");
          await page
            .locator("[data-testid=incident-announcement]")
            .first()
            .waitFor({ timeout: 15_000 });
          assert.equal(
            await notReloaded(page),
            "loaded once",
            "live updates came without a reload",
          );

          // The marker opens the event's details.
          await marker.locator("button").click();
          const details = page.locator("dialog[data-testid=event-details]");
          await details.waitFor();
          assert.equal(
            await details.getAttribute("data-event-id"),
            await marker.getAttribute("data-event-id"),
          );
          await screenshot(page, "timeline");
          await page.keyboard.press("Escape");

          const written = await until("capture-written", 20_000, () =>
            events.find((e) => e.kind === "capture-written"),
          );
          const incidentId =
            written.incident_id ?? events.find((e) => e.kind === "probe-loss")?.incident_id;
          assert.ok(incidentId !== undefined, "the capture belongs to an incident");
          await page.evaluate((id) => {
            location.hash = `#/incidents/${id}`;
          }, incidentId);
          const link = page.locator("[data-testid=capture-link]").first();
          await until("the capture on the incident page", 20_000, async () => {
            await waitReady(page, "incident");
            if ((await link.count()) > 0) return true;
            await page.evaluate(() => window.dispatchEvent(new HashChangeEvent("hashchange")));
            await sleep(1000);
            return undefined;
          });
          const explanation =
            (await page.locator("[data-testid=incident-explanation]").textContent()) ?? "";
          assert.match(explanation, /eth0/, "the explanation names the interface");
          const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
          const saved = join(dir, "downloaded.pcap");
          await download.saveAs(saved);
          const magic = readFileSync(saved).subarray(0, 4).toString("hex");
          assert.ok(PCAP_MAGICS.includes(magic), `downloaded capture starts with ${magic}`);
          assert.ok(
            (await page.locator("[data-testid=pcap-analysis]").count()) > 0,
            "analysis shown",
          );
          await screenshot(page, "incident");

          await page.evaluate(() => {
            location.hash = "#/health";
          });
          await waitReady(page, "health");
          await page.waitForFunction(
            () =>
              ["degraded", "down"].includes(
                document.querySelector<HTMLElement>(
                  '[data-group="watched interfaces"] [data-testid=health-member][data-member=eth0]',
                )?.dataset.state ?? "",
              ),
            null,
            { timeout: 20_000 },
          );
          await screenshot(page, "health");

          // The server goes away and comes back: a notice meanwhile, nothing lost, no reload.
          await served.stop();
          await page.waitForFunction(
            () => (document.querySelector("[data-testid=reconnecting]")?.textContent ?? "") !== "",
            null,
            { timeout: 15_000 },
          );
          assert.ok((await page.locator("[data-testid=health-member]").count()) > 0, "view kept");
          served = await startServe(["--store", db, "--captures", captures], port);
          await page.waitForFunction(() => document.documentElement.dataset.live === "up", null, {
            timeout: 20_000,
          });
          assert.equal(await page.locator("[data-testid=reconnecting]").textContent(), "");
          assert.equal(await notReloaded(page), "loaded once");
          await injectFault(lab, "server:eth0", "restore");
        });
      } finally {
        await browser.close();
        await served?.stop();
        watcher?.kill("SIGKILL");
        await labDown(lab.id);
        rmSync(dir, { recursive: true, force: true });
      }
    }),
);

test("with --doctor-root on a real sample, the health view shows the bond's down member", {
  skip: needs({ tools: ["chromium"] }),
  timeout: 60_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-web-health-"));
  // Telegraf's active-backup sample: eth3 MII down, eth2 active (see test/fixtures PROVENANCE).
  const root = join(dir, "root");
  mkdirSync(join(root, "proc", "net", "bonding"), { recursive: true });
  copyFileSync(
    join(
      CORPUS,
      "proc-net-bonding",
      "active-backup-v3.6.0-backup-down-speed-mismatch-empty-hwaddr.txt",
    ),
    join(root, "proc", "net", "bonding", "bond0"),
  );
  const db = join(dir, "lg.db");
  writeDashboardStore(db, { interfaces: 2, hours: 1, now: Date.now() });
  const served = await startServe(["--store", db, "--doctor-root", root], await freePort());
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await page.goto(`${served.url}/#/health`);
    await waitReady(page, "health");
    const group = page.locator("[data-testid=health-group][data-group=bond0]");
    assert.equal(await group.getAttribute("data-state"), "degraded");
    const member = group.locator("[data-testid=health-member][data-member=eth3]");
    assert.equal(await member.getAttribute("data-state"), "down");
    assert.equal(
      await group
        .locator("[data-testid=health-member][data-member=eth2]")
        .getAttribute("data-state"),
      "up",
    );
    // The strip on top says it on every view.
    assert.equal(
      await page
        .locator("[data-testid=health-strip] [data-group=bond0]")
        .getAttribute("data-state"),
      "degraded",
    );
    // The doctor's finding about it, with the evidence line and a fix to copy.
    const finding = page.locator("[data-testid=finding][data-rule=bond-slave-down]");
    assert.equal(await finding.count(), 1);
    assert.match(
      (await finding.locator(".evidence").textContent()) ?? "",
      /proc\/net\/bonding\/bond0:\d+\s*MII Status: down/,
    );
    assert.match((await finding.getByTestId("fix").textContent()) ?? "", /eth3/);
    await screenshot(page, "health-doctor-root");
  } finally {
    await browser.close();
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
