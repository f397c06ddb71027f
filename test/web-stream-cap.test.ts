// The page when the server refuses its live stream: 32 other streams hold every slot, the page
// says why (the server's own reason) instead of a bare "reconnecting", and once a slot is free
// it goes live by itself, without a reload.
import assert from "node:assert/strict";
import { test } from "node:test";
import { needsChromium, waitReady } from "./support/browser.js";
import { withServedPage } from "./support/serve.js";

const MAX_STREAMS = 32; // the server's cap (src/web/stream.ts)

test(
  "with every live-stream slot taken the page shows the server's reason, then goes live when one frees",
  {
    skip: needsChromium(),
    timeout: 90_000,
  },
  () =>
    withServedPage("stream-cap", { interfaces: 1, hours: 1 }, {}, async ({ page, served }) => {
      const holders: AbortController[] = [];
      try {
        for (let i = 0; i < MAX_STREAMS; i++) {
          const ac = new AbortController();
          const res = await fetch(`${served.url}/api/stream`, { signal: ac.signal });
          assert.equal(res.status, 200, `stream ${i + 1} of ${MAX_STREAMS}`);
          holders.push(ac);
        }
        await page.goto(`${served.url}/#/timeline`);
        await waitReady(page, "timeline");
        const notice = page.getByTestId("reconnecting");
        await page.waitForFunction(
          () =>
            /too many live streams/.test(
              document.querySelector("[data-testid=reconnecting]")?.textContent ?? "",
            ),
          null,
          { timeout: 15_000 },
        );
        assert.match(
          (await notice.textContent()) ?? "",
          /^Live updates refused: too many live streams \(32\)/,
        );

        holders.pop()?.abort();
        await page.waitForFunction(() => document.documentElement.dataset.live === "up", null, {
          timeout: 20_000,
        });
        assert.equal(await notice.textContent(), "");
      } finally {
        for (const h of holders) h.abort();
      }
    }),
);
