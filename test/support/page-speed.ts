// The dashboard's speed figure: how long a 24 h timeline takes from navigation start to
// `timeline-rendered`, over several fresh page loads, and the server's resident memory.
import { readFileSync } from "node:fs";
import type { BrowserContext } from "playwright-core";
import { waitReady } from "./browser.js";

export interface PageSpeed {
  loadsMs: number[];
  /** VmRSS of the server after each load, in KiB. */
  rssKiB: number[];
}

export function rssKiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (m === null) throw new Error(`/proc/${pid}/status has no VmRSS line`);
  return Number(m[1]);
}

export async function measureTimelineLoads(
  context: BrowserContext,
  url: string,
  serverPid: number,
  o: { loads: number; spanMs: number; now: number },
): Promise<PageSpeed> {
  const out: PageSpeed = { loadsMs: [], rssKiB: [] };
  for (let i = 0; i < o.loads; i++) {
    const page = await context.newPage();
    try {
      await page.goto(`${url}/#/timeline?from=${o.now - o.spanMs}&to=${o.now}`);
      await waitReady(page, "timeline", 60_000);
      const ms = await page.evaluate(
        () => performance.getEntriesByName("timeline-rendered", "mark")[0]?.startTime ?? -1,
      );
      if (ms < 0) throw new Error("the page set data-ready but marked no timeline-rendered");
      out.loadsMs.push(ms);
      out.rssKiB.push(rssKiB(serverPid));
    } finally {
      await page.close();
    }
  }
  return out;
}
