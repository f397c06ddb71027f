import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { InterfaceSeries, SeriesResponse } from "../api.js";
import { appendSeries, rowCount } from "./series-merge.js";

function ifSeries(ifname: string, t: number[]): InterfaceSeries {
  const col = t.map((x) => x / 1000);
  return { ifname, t, rx_bps: col, tx_bps: col, rx_pps: col, tx_pps: col, link: t.map(() => 1) };
}

function series(interfaces: InterfaceSeries[], from: number, to: number): SeriesResponse {
  return { from_ms: from, to_ms: to, source: "raw", step_ms: null, interfaces, probes: [] };
}

describe("appending live rows", () => {
  it("adds only rows newer than the last shown and drops rows before the window", () => {
    const old = series([ifSeries("eth0", [1000, 2000, 3000])], 1000, 3000);
    const gap = series([ifSeries("eth0", [3000, 4000, 5000])], 3000, 5000);
    const merged = appendSeries(old, gap, 2000, 5000);
    const eth0 = merged.interfaces[0];
    assert.deepEqual(eth0?.t, [2000, 3000, 4000, 5000]);
    assert.deepEqual(eth0?.rx_bps, [2, 3, 4, 5]);
    assert.deepEqual([merged.from_ms, merged.to_ms], [2000, 5000]);
  });

  it("keeps an interface that only the gap has, and one the gap lacks", () => {
    const old = series([ifSeries("eth0", [1000])], 0, 1000);
    const gap = series([ifSeries("eth1", [2000])], 1000, 2000);
    const merged = appendSeries(old, gap, 0, 2000);
    assert.deepEqual(
      merged.interfaces.map((s) => [s.ifname, s.t]),
      [
        ["eth0", [1000]],
        ["eth1", [2000]],
      ],
    );
    assert.equal(rowCount(merged), 1);
  });

  it("a live 15-minute window followed for 6 hours of 1 s ticks stays 15 minutes of rows", () => {
    const SPAN = 15 * 60_000;
    let now = 10 * SPAN;
    const first = Array.from({ length: 900 }, (_, i) => now - SPAN + (i + 1) * 1000);
    let shown = series([ifSeries("eth0", first)], now - SPAN, now);
    let most = 0;
    for (let tick = 0; tick < 6 * 3600; tick++) {
      now += 1000;
      const gap = series([ifSeries("eth0", [now - 1000, now])], now - 1000, now);
      shown = appendSeries(shown, gap, now - SPAN, now);
      most = Math.max(most, rowCount(shown));
    }
    const eth0 = shown.interfaces[0];
    assert.ok(most <= 901, `at most the window's rows at any tick: ${most}`);
    assert.equal(eth0?.t[0], now - SPAN, "the oldest row is the window's start");
    assert.equal(eth0?.t.at(-1), now, "the newest row is now");
    assert.equal(eth0?.rx_bps.length, eth0?.t.length, "columns stay aligned");
  });
});
