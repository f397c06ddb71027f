// Dashboard benchmark: a store with 24 h of 16 interfaces (minute roll-ups, the last 10 minutes
// raw, probes, outages with incidents), served by `linkguard serve`, opened in chromium on the
// 24 h timeline five times. Prints the median time from navigation start to the page's
// `timeline-rendered` mark and the server's resident memory. Run: node dist/bench/web-page.js
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchBrowser, needsChromium } from "../test/support/browser.js";
import { writeDashboardStore } from "../test/support/dashboard-store.js";
import { measureTimelineLoads } from "../test/support/page-speed.js";
import { freePort, startServe } from "../test/support/serve.js";
import { median, summary } from "./support/stats.js";

const INTERFACES = 16;
const HOURS = 24;
const LOADS = 5;

const skip = needsChromium();
if (skip !== false) {
  process.stdout.write(`web page bench: skipped (${skip})\n`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "linkguard-bench-web-"));
const db = join(dir, "linkguard.db");
const now = Date.now();
const built = performance.now();
writeDashboardStore(db, { interfaces: INTERFACES, hours: HOURS, now });
const buildS = (performance.now() - built) / 1000;
const served = await startServe(["--store", db, "--doctor-root", dir], await freePort());
const browser = await launchBrowser();
try {
  const pid = served.child.pid ?? 0;
  const r = await measureTimelineLoads(browser.context, served.url, pid, {
    loads: LOADS,
    spanMs: HOURS * 3_600_000,
    now,
  });
  const lines = [
    `web page bench: ${INTERFACES} interfaces x ${HOURS} h (store built in ${buildS.toFixed(1)} s)`,
    `  24 h timeline, navigation start -> timeline-rendered  ${summary(r.loadsMs)}`,
    `  server RSS while serving                             median ${(median(r.rssKiB) / 1024).toFixed(1)} MiB (max ${(Math.max(...r.rssKiB) / 1024).toFixed(1)} MiB)`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  await browser.close();
  await served.stop();
  rmSync(dir, { recursive: true, force: true });
}
