// A real browser for the dashboard tests: Debian's chromium driven by playwright-core, with a
// fresh profile every launch and nothing that talks to the network on its own.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
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
  /** The page's console errors, uncaught exceptions and failed requests, for failure reports. */
  log: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  /** The viewer's zone (IANA name); default: this machine's. */
  timezoneId?: string;
  /** The theme the viewer's system asks for; default: light. */
  colorScheme?: "light" | "dark";
}

export async function launchBrowser(o: LaunchOptions = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "linkguard-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: o.viewport ?? { width: 1400, height: 1000 },
    ...(o.timezoneId === undefined ? {} : { timezoneId: o.timezoneId }),
    colorScheme: o.colorScheme ?? "light",
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
  const log: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning")
      log.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => log.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => log.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) log.push(`HTTP ${r.status()} ${r.url()}`);
  });
  return {
    context,
    page,
    log,
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

/**
 * On a failed browser test: a screenshot in test-artifacts/ and an error that carries what the
 * page showed and logged, so a CI failure can be read without rerunning it.
 */
export async function withFailureReport<T>(
  browser: Browser,
  name: string,
  artifacts: string,
  body: () => Promise<T>,
): Promise<T> {
  try {
    return await body();
  } catch (err) {
    let shown = "";
    try {
      mkdirSync(artifacts, { recursive: true });
      await browser.page.screenshot({
        path: join(artifacts, `failed-${name}.png`),
        fullPage: true,
      });
      shown = ((await browser.page.textContent("main", { timeout: 2000 })) ?? "").slice(0, 2000);
    } catch {
      // The report is best effort: the original error matters more.
    }
    const detail = [`page shows: ${shown.replace(/\s+/g, " ").trim()}`, ...browser.log.slice(-20)];
    // The runner prints the stack, which holds the message as it was when thrown.
    const e = err as Error;
    e.message += `\n${detail.join("\n")}`;
    if (e.stack !== undefined) e.stack += `\n${detail.join("\n")}`;
    throw err;
  }
}
