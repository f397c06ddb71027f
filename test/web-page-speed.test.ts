// The dashboard's speed, as a printed figure (not asserted: this machine is shared and noisy).
// The full figure (16 interfaces x 24 h, 5 loads) is `node dist/bench/web-page.js`.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { median } from "../bench/support/stats.js";
import { launchBrowser, needsChromium } from "./support/browser.js";
import { writeDashboardStore } from "./support/dashboard-store.js";
import { measureTimelineLoads } from "./support/page-speed.js";
import { freePort, startServe } from "./support/serve.js";

test("a 24 h timeline of 4 interfaces renders; time and server memory are printed", {
  skip: needsChromium(),
  timeout: 90_000,
}, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-web-speed-"));
  const db = join(dir, "lg.db");
  const now = Date.now();
  writeDashboardStore(db, { interfaces: 4, hours: 24, now });
  const served = await startServe(["--store", db, "--doctor-root", dir], await freePort());
  const browser = await launchBrowser();
  try {
    const r = await measureTimelineLoads(browser.context, served.url, served.child.pid ?? 0, {
      loads: 3,
      spanMs: 24 * 3_600_000,
      now,
    });
    assert.equal(r.loadsMs.length, 3);
    t.diagnostic(
      `24 h timeline, 4 interfaces: median ${median(r.loadsMs).toFixed(0)} ms to timeline-rendered; server RSS ${(median(r.rssKiB) / 1024).toFixed(1)} MiB`,
    );
  } finally {
    await browser.close();
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
