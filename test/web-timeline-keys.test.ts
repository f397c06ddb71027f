// Zoom and pan from the keyboard and the mouse, in a real browser: the window moves as the keys
// say, the server answers raw samples when the window is recent and small and minute roll-ups
// otherwise, and a zoomed window is a link that opens the same window again.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { needsChromium, waitReady } from "./support/browser.js";
import { withServedPage } from "./support/serve.js";

const MIN = 60_000;

/** The window the first chart shows, and what the status line says it is made of. */
async function shown(page: Page): Promise<{ span: number; to: number; label: string }> {
  const fig = page.locator("figure[data-testid=chart]").first();
  const from = Number(await fig.getAttribute("data-x-min"));
  const to = Number(await fig.getAttribute("data-x-max"));
  const label = (await page.getByTestId("timeline-window").textContent()) ?? "";
  return { span: to - from, to, label };
}

/** Presses a key on the page (not in a control) and waits for the new window to be drawn. */
async function press(page: Page, key: string): Promise<void> {
  await page.evaluate(() => delete document.documentElement.dataset.ready);
  await page.keyboard.press(key);
  await waitReady(page, "timeline");
}

test(
  "hover shows values on every chart; keys and a mouse drag zoom and pan the timeline; raw samples when recent and small, roll-ups otherwise",
  {
    skip: needsChromium(),
    timeout: 90_000,
  },
  () =>
    // 24 h of minute roll-ups, raw samples for the last 10 minutes only (the raw retention).
    withServedPage(
      "timeline-keys",
      { interfaces: 2, hours: 24 },
      {},
      async ({ browser, page, served }) => {
        await page.goto(`${served.url}/#/timeline`);
        await waitReady(page, "timeline");

        // Hovering a chart shows the values under the cursor, and every chart follows it.
        const plots = page.locator("figure[data-testid=chart] .u-over");
        const firstBox = await plots.first().boundingBox();
        assert.ok(firstBox, "the first chart's plot area is on screen");
        await page.mouse.move(firstBox.x + firstBox.width / 2, firstBox.y + firstBox.height / 2);
        // One legend per chart (traffic and probes per interface), rows of label and value.
        const legends = await page
          .locator(".u-legend")
          .evaluateAll((tables) =>
            tables.map((t) =>
              Object.fromEntries(
                [...t.querySelectorAll(".u-series")].map((r) => [
                  r.querySelector(".u-label")?.textContent ?? "",
                  r.querySelector(".u-value")?.textContent ?? "",
                ]),
              ),
            ),
          );
        const hovered = legends[0] ?? {};
        assert.match(
          hovered.time ?? "",
          /UTC/,
          `time under the cursor: ${JSON.stringify(hovered)}`,
        );
        assert.match(hovered.rx ?? "", /B\/s/, "rx under the cursor, with its unit");
        assert.equal(hovered.link, "up");
        assert.ok(legends.length >= 4, `a legend per chart: ${legends.length}`);
        for (const l of legends)
          assert.equal(l.time, hovered.time, "every chart's cursor is at the same time");
        assert.ok(
          Object.entries(legends[1] ?? {}).some(([k, v]) => k.startsWith("RTT") && /ms$/.test(v)),
          `the probe chart shows RTT in ms: ${JSON.stringify(legends[1])}`,
        );
        await page.mouse.move(0, 0);

        // The range buttons are reachable and work from the keyboard.
        const last15 = page.getByRole("button", { name: "15m", exact: true });
        await last15.focus();
        await page.evaluate(() => delete document.documentElement.dataset.ready);
        await page.keyboard.press("Enter");
        await waitReady(page, "timeline");
        let w = await shown(page);
        assert.ok(Math.abs(w.span - 15 * MIN) < 2000, `15m shows ${w.span} ms`);
        assert.match(w.label, /roll-ups/, "15 minutes reach past the 10 minutes of raw retention");

        await page.locator("main h1").click(); // keys act on the page, not on a focused button
        await press(page, "+");
        w = await shown(page);
        assert.ok(Math.abs(w.span - 7.5 * MIN) < 2000, `+ halves the span: ${w.span} ms`);
        assert.match(await page.evaluate(() => location.hash), /^#\/timeline\?from=\d+&to=\d+$/);

        await press(page, "ArrowRight");
        w = await shown(page);
        assert.ok(Math.abs(w.span - 7.5 * MIN) < 2000, `→ keeps the span: ${w.span} ms`);
        assert.match(w.label, /raw samples/, "the last 7.5 minutes are raw");

        await press(page, "ArrowLeft");
        const before = w.to;
        w = await shown(page);
        assert.ok(Math.abs(before - w.to - 0.25 * 7.5 * MIN) < 2000, "← moves a quarter back");

        await press(page, "-");
        await press(page, "-");
        w = await shown(page);
        assert.ok(Math.abs(w.span - 30 * MIN) < 2000, `− − quadruples: ${w.span} ms`);
        assert.match(w.label, /roll-ups/);

        // Dragging across a chart zooms to the dragged part: the middle half of 30 minutes.
        const plot = page.locator("figure[data-testid=chart] .u-over").first();
        const box = await plot.boundingBox();
        assert.ok(box, "the first chart's plot area is on screen");
        const y = box.y + box.height / 2;
        const beforeDrag = await shown(page);
        await page.evaluate(() => delete document.documentElement.dataset.ready);
        await page.mouse.move(box.x + box.width * 0.25, y);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
        await page.mouse.move(box.x + box.width * 0.75, y, { steps: 5 });
        await page.mouse.up();
        await waitReady(page, "timeline");
        w = await shown(page);
        assert.ok(
          Math.abs(w.span - beforeDrag.span / 2) < 0.05 * beforeDrag.span,
          `a drag over half the plot halves the span: ${beforeDrag.span} -> ${w.span} ms`,
        );
        assert.ok(
          Math.abs(beforeDrag.to - beforeDrag.span / 4 - w.to) < 0.05 * beforeDrag.span,
          "the dragged part is the middle half",
        );
        assert.match(await page.evaluate(() => location.hash), /^#\/timeline\?from=\d+&to=\d+$/);

        // A zoomed window is a link: opening it again shows the same window.
        const link = page.url();
        const again = await browser.context.newPage();
        await again.goto(link);
        await waitReady(again, "timeline");
        const reopened = await shown(again);
        assert.ok(Math.abs(reopened.to - w.to) < 2000 && Math.abs(reopened.span - w.span) < 2000);
      },
    ),
);
