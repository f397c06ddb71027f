import assert from "node:assert/strict";
import { test } from "node:test";
import { coverageRows, parseLcov, percent, renderCoverage } from "./line-coverage.js";

const LCOV = `TN:
SF:src/lib/duration.ts
FN:1,parse
LH:64
LF:66
end_of_record
TN:
SF:src/lib/duration.test.ts
LH:57
LF:57
end_of_record
SF:src/watch/sampler.ts
LF:100
LH:25
end_of_record
`;

test("parseLcov reads the lines found and hit of every file", () => {
  const report = parseLcov(LCOV);
  assert.deepEqual(report.get("src/lib/duration.ts"), { lines: 66, covered: 64 });
  assert.deepEqual(report.get("src/watch/sampler.ts"), { lines: 100, covered: 25 });
  assert.equal(report.size, 3);
});

test("coverageRows counts a source file no test loaded as uncovered, and only the sources given", () => {
  const sources = new Map([
    ["src/lib/duration.ts", 66],
    ["src/watch/sampler.ts", 100],
    ["src/watch/daemon.ts", 34],
  ]);
  const rows = coverageRows(parseLcov(LCOV), sources);
  assert.deepEqual(rows, [
    { name: "lib", lines: 66, covered: 64 },
    { name: "watch", lines: 134, covered: 25 },
    { name: "all", lines: 200, covered: 89 },
  ]);
  assert.equal(percent(rows[2] ?? { lines: 0, covered: 0 }), 44.5);
  assert.match(renderCoverage(rows), /^all\s+44\.5 %\s+89 of\s+200 lines$/m);
});
