// The token rule as a person meets it in the browser: a dashboard with serve.token asks once,
// refuses a wrong token, and after the right one shows its data (the cookie also lets the
// live stream in).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { launchBrowser, needsChromium, waitReady } from "./support/browser.js";
import { writeDashboardStore } from "./support/dashboard-store.js";
import { freePort, startServe } from "./support/serve.js";

const TOKEN = "a-token-from-the-vault-0123456789";

test("with serve.token the page asks for it once, refuses a wrong one and then shows data", {
  skip: needsChromium(),
  timeout: 90_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-web-login-"));
  const db = join(dir, "lg.db");
  const config = join(dir, "linkguard.yaml");
  const now = Date.now();
  const { ifnames } = writeDashboardStore(db, { interfaces: 2, hours: 1, now });
  const port = await freePort();
  writeFileSync(config, `serve:\n  listen: 127.0.0.1:${port}\n  token: ${TOKEN}\n`);
  const served = await startServe(["--config", config, "--store", db, "--doctor-root", dir], port);
  const url = served.url;
  const browser = await launchBrowser();
  try {
    assert.equal((await fetch(`${url}/api/info`)).status, 401, "the API is closed without it");
    const { page } = browser;
    await page.goto(`${url}/#/timeline`);
    const dialog = page.getByTestId("login");
    await dialog.waitFor({ state: "visible", timeout: 15_000 });

    await page.fill("#login-token", "not-the-token-at-all-000");
    await page.click("dialog button[type=submit]");
    await page.getByTestId("login-error").filter({ hasText: "refused" }).waitFor();
    assert.equal(await dialog.isVisible(), true, "a wrong token keeps the dialog open");

    await page.fill("#login-token", TOKEN);
    await page.click("dialog button[type=submit]");
    await waitReady(page, "timeline");
    assert.equal(await page.getByTestId("login").count(), 0, "the dialog is gone");
    for (const ifname of ifnames)
      assert.ok(((await page.textContent("main")) ?? "").includes(ifname), `${ifname} is drawn`);
    const cookies = await browser.context.cookies(url);
    const cookie = cookies.find((c) => c.name === "linkguard_session");
    assert.ok(cookie?.httpOnly, "the session is kept in an HttpOnly cookie, not in the page");
    assert.ok(!cookie.value.includes(TOKEN), "the cookie holds a derived value, not the token");
  } finally {
    await browser.close();
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
