import assert from "node:assert/strict";
import { test } from "node:test";
import { bytes, count, seconds, sparkline, table, when } from "./format.js";

test("text helpers: counts, bytes, durations, timestamps, sparklines, tables", () => {
  assert.equal(count(1234567), "1,234,567");
  assert.deepEqual([bytes(999), bytes(1500), bytes(2.5e9)], ["999 B", "1.5 kB", "2.5 GB"]);
  assert.deepEqual(
    [seconds(0.0004), seconds(0.25), seconds(93), seconds(600)],
    ["0.400 ms", "250.0 ms", "93.0 s", "10.0 min"],
  );
  assert.equal(when(1700000000.5), "2023-11-14 22:13:20.500000 UTC");
  assert.equal(when(null), "-");
  assert.equal(sparkline([0, 1, 2, 4, 8]), " ▁▂▄█");
  assert.equal(
    sparkline(
      Array.from({ length: 120 }, (_, i) => i),
      60,
    ).length,
    60,
  );
  assert.deepEqual(
    table(
      [
        ["a", "bb", "c"],
        ["ccc", "d", "e"],
      ],
      "",
    ),
    ["a    bb  c", "ccc  d   e"],
  );
});
