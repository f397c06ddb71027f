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
});
