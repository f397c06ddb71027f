// Times on the page are in the viewer's zone, with UTC on hover: a browser in Kolkata (UTC+5:30,
// a half-hour offset no rounding hides) reads an incident's opening in local time, and the
// title and datetime attribute carry the same instant in UTC.
import assert from "node:assert/strict";
import { test } from "node:test";
import { needsChromium, waitReady } from "./support/browser.js";
import { withServedPage } from "./support/serve.js";

const ZONE = "Asia/Kolkata";

test(
  "times show in the viewer's zone, with the UTC time in the title",
  {
    skip: needsChromium(),
    timeout: 60_000,
  },
  () =>
    withServedPage(
      "timezone",
      { interfaces: 1, hours: 6 },
      { timezoneId: ZONE },
      async ({ page, served }) => {
        await page.goto(`${served.url}/#/incidents`);
        await waitReady(page, "incidents");
        const time = page.locator("main time").first();
        const iso = (await time.getAttribute("datetime")) ?? "";
        const ms = Date.parse(iso);
        assert.ok(Number.isFinite(ms), `datetime attribute: ${iso}`);

        const shown = (await time.textContent()) ?? "";
        const hhmm = new Intl.DateTimeFormat("en-GB", {
          timeZone: ZONE,
          hour: "2-digit",
          minute: "2-digit",
          hour12: false,
        }).format(ms);
        assert.ok(shown.includes(hhmm), `"${shown}" shows ${hhmm}, the time in ${ZONE}`);
        assert.match(shown, /GMT\+5:30|IST/, `"${shown}" names the viewer's zone`);

        const title = (await time.getAttribute("title")) ?? "";
        const utc = `${new Date(ms).toISOString().replace("T", " ").replace("Z", "")} UTC`;
        assert.equal(title, utc, "the hover title is the same instant in UTC");
      },
    ),
);
