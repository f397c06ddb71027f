import assert from "node:assert/strict";
import { test } from "node:test";
import { renderProgressBar } from "./progress.js";

test("renderProgressBar shows the share done, MB, speed and time left", () => {
  const line = renderProgressBar({ done: 500e6, total: 1000e6 }, 1000, 10);
  assert.equal(line, "[#####.....]  50%  500/1000 MB  500 MB/s  ETA 0:01");
  assert.match(renderProgressBar({ done: 3e9, total: 30e9 }, 2000, 10), /1\.5 GB\/s {2}ETA 0:18$/);
  assert.match(renderProgressBar({ done: 0, total: 10 }, 0, 4), /ETA --:--$/);
  const native = renderProgressBar({ done: 1, total: 2, reader: "native scan" }, 1000, 4);
  assert.match(native, /ETA 0:01 {2}native scan$/, "it names the reader that runs");
});
