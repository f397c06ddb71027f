// Every view passes axe-core's WCAG 2.1 A and AA checks (contrast, names, landmarks, ARIA) in
// both themes, in a real browser on a store with traffic, link failures and incidents.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { launchBrowser, needsChromium, waitReady } from "./support/browser.js";
import { writeDashboardStore } from "./support/dashboard-store.js";
import { freePort, startServe, withServedPage } from "./support/serve.js";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's WCAG 2.1 A/AA violations on what the page shows now, one line each. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } }).axe;
    const r = (await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    })) as { violations: AxeViolation[] };
    return r.violations;
  });
  return found.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}: ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`.replace(/\s+/g, " "))
        .join(" | ")}`,
  );
}

for (const colorScheme of ["light", "dark"] as const) {
  test(
    `every view passes axe-core's WCAG 2.1 AA checks (${colorScheme} theme)`,
    {
      skip: needsChromium(),
      timeout: 90_000,
    },
    () =>
      withServedPage(
        `a11y-${colorScheme}`,
        { interfaces: 2, hours: 6 },
        { colorScheme },
        async ({ page, served }) => {
          const found: string[] = [];
          const visit = async (hash: string, view: string) => {
            await page.goto(`${served.url}/${hash}`);
            await waitReady(page, view);
            for (const v of await violations(page)) found.push(`${hash}: ${v}`);
          };
          await visit("#/timeline?last=21600000", "timeline");
          await visit("#/incidents", "incidents");
          const first = await page
            .locator("main a[href^='#/incidents/']")
            .first()
            .getAttribute("href");
          assert.ok(first, "the store has an incident to open");
          await visit(first, "incident");
          await visit("#/health", "health");
          // The event dialog, opened from the keyboard.
          await visit("#/timeline?last=21600000", "timeline");
          await page.locator("[data-testid=event-item] button").first().focus();
          await page.keyboard.press("Enter");
          await page.locator("dialog[data-testid=event-details]").waitFor();
          for (const v of await violations(page)) found.push(`event dialog: ${v}`);
          assert.deepEqual(found, [], found.join("\n"));
        },
      ),
  );
}

test("a laptop screen and a wall monitor both get the timeline without sideways scrolling; the wall gets bigger type", {
  skip: needsChromium(),
  timeout: 90_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-web-screens-"));
  const db = join(dir, "lg.db");
  writeDashboardStore(db, { interfaces: 4, hours: 6, now: Date.now() });
  const served = await startServe(["--store", db, "--doctor-root", dir], await freePort());
  const measured: Record<string, { fontPx: number; overflow: number; chartWidth: number }> = {};
  try {
    for (const [name, viewport] of [
      ["laptop", { width: 1366, height: 768 }],
      ["wall", { width: 3840, height: 2160 }],
    ] as const) {
      const browser = await launchBrowser({ viewport });
      try {
        const { page } = browser;
        await page.goto(`${served.url}/#/timeline?last=21600000`);
        await waitReady(page, "timeline");
        measured[name] = await page.evaluate(() => ({
          fontPx: Number.parseFloat(getComputedStyle(document.documentElement).fontSize),
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          chartWidth:
            document.querySelector("figure[data-testid=chart] canvas")?.getBoundingClientRect()
              .width ?? 0,
        }));
      } finally {
        await browser.close();
      }
    }
  } finally {
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const { laptop, wall } = measured;
  assert.ok(laptop && wall);
  assert.ok(laptop.overflow <= 0, `laptop scrolls sideways by ${laptop.overflow} px`);
  assert.ok(wall.overflow <= 0, `wall monitor scrolls sideways by ${wall.overflow} px`);
  assert.ok(laptop.fontPx >= 15, `laptop type ${laptop.fontPx} px`);
  assert.ok(wall.fontPx >= 1.4 * laptop.fontPx, `wall type ${wall.fontPx} px vs ${laptop.fontPx}`);
  assert.ok(wall.chartWidth > 2 * laptop.chartWidth, "charts use the wall's width");
});
