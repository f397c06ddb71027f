// A real browser for the dashboard tests: Debian's chromium driven by playwright-core, with a
// fresh profile every launch and nothing that talks to the network on its own.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { needs } from "./requires.js";

export const CHROMIUM = "/usr/bin/chromium";

/** Skip reason for tests that need the browser (see needs()). */
export const needsChromium = (extra: string[] = []): false | string =>
  needs({ tools: ["chromium", ...extra] });

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1400, height: 1000 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "linkguard-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    acceptDownloads: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the page says a view has drawn its data (`<html data-ready=VIEW>`). */
export async function waitReady(page: Page, view: string, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction((v) => document.documentElement.dataset.ready === v, view, {
    timeout: timeoutMs,
  });
}
