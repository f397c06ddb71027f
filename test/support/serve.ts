// A real `linkguard serve` on loopback for the dashboard tests, stopped by PID, and the usual
// browser test around it.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { type Browser, type LaunchOptions, launchBrowser, withFailureReport } from "./browser.js";
import { CLI } from "./cli.js";
import { type DashboardStoreOptions, writeDashboardStore } from "./dashboard-store.js";
import { REPO_ROOT } from "./paths.js";
import { freePort, stopChild } from "./process.js";
import { until } from "./wait.js";

export interface Served {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Starts `linkguard serve ARGS --listen 127.0.0.1:PORT` and waits for /api/info to answer. */
export async function startServe(args: string[], port: number): Promise<Served> {
  const child = spawn(
    process.execPath,
    [CLI, "serve", "--config", "/dev/null", "--listen", `127.0.0.1:${port}`, ...args],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  await until(`linkguard serve on ${url} (stderr: ${stderr})`, 15_000, async () => {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${stderr}`);
    try {
      // 401: up, and asking for its token.
      const status = (await fetch(`${url}/api/info`)).status;
      return status === 200 || status === 401 ? true : undefined;
    } catch {
      return undefined;
    }
  });
  return {
    child,
    url,
    stop: () => stopChild(child, 3000),
  };
}

export { freePort };

export interface ServedPage {
  browser: Browser;
  page: Page;
  served: Served;
  dir: string;
}

/**
 * The usual browser test: a store shaped like a busy watcher's (`store`), a real `linkguard
 * serve` on it (health from an empty root), and Chromium; `body` runs with a failure report
 * named `name`, and everything is stopped and removed afterwards, also on failure.
 */
export async function withServedPage(
  name: string,
  store: Omit<DashboardStoreOptions, "now"> & { now?: number },
  launch: LaunchOptions,
  body: (s: ServedPage) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `linkguard-web-${name}-`));
  const db = join(dir, "lg.db");
  writeDashboardStore(db, { now: Date.now(), ...store });
  const served = await startServe(["--store", db, "--doctor-root", dir], await freePort());
  const browser = await launchBrowser(launch);
  try {
    await withFailureReport(browser, name, join(REPO_ROOT, "test-artifacts"), () =>
      body({ browser, page: browser.page, served, dir }),
    );
  } finally {
    await browser.close();
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
