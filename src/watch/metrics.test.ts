import assert from "node:assert/strict";
import { it, mock } from "node:test";
import { event } from "../../test/support/store-data.js";
import type { ProbeResult } from "../events/types.js";
import { WatchMetrics } from "./metrics.js";

function probe(ok: boolean): ProbeResult {
  return {
    t_ms: 0,
    ifname: "eth0",
    target: "10.0.0.1",
    kind: "icmp",
    seq: 1,
    ok,
    rtt_ms: ok ? 1 : null,
  };
}

/** A scrape as Prometheus makes it, 60 ms after the last: the metrics refresh at most every 50 ms. */
async function scrapedPathUp(m: WatchMetrics): Promise<number | undefined> {
  mock.timers.tick(60);
  await m.registry.metrics();
  const values = (await m.registry.getSingleMetric("linkguard_probe_path_up")?.get())?.values;
  return values?.find((v) => v.labels.interface === "eth0" && v.labels.target === "10.0.0.1")
    ?.value;
}

it("the probe path gauge follows probe-loss and probe-recovered across scrapes", async (t) => {
  mock.timers.enable({ apis: ["Date"], now: Date.UTC(2024, 0, 1) });
  t.after(() => mock.timers.reset());
  const m = new WatchMetrics();
  m.probe(probe(true));
  assert.equal(await scrapedPathUp(m), 1);

  m.event(event(1, { kind: "probe-loss", ifname: "eth0", data: { target: "10.0.0.1" } }));
  m.probe(probe(false));
  assert.equal(await scrapedPathUp(m), 0, "a scrape after probe-loss must still read 0");

  m.probe(probe(true));
  assert.equal(await scrapedPathUp(m), 0, "good probes alone do not repair the path");

  m.event(event(2, { kind: "probe-recovered", ifname: "eth0", data: { target: "10.0.0.1" } }));
  assert.equal(await scrapedPathUp(m), 1);
});

it("linkguard_prober_info names the prober that runs, so a fallback to ping shows", async () => {
  for (const prober of ["native", "ping"] as const) {
    const text = await new WatchMetrics(prober).registry.metrics();
    assert.match(text, new RegExp(`^linkguard_prober_info\\{prober="${prober}"\\} 1$`, "m"));
  }
});
