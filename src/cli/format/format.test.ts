import assert from "node:assert/strict";
import { test } from "node:test";
import { csvNumber, renderCsv } from "./csv.js";
import { compactNumber, renderTable } from "./table.js";
import { formatIsoLocal, formatLocal, formatSpan } from "./time.js";

// The incident-004 host was in Korea; Node reads TZ again when it changes.
process.env.TZ = "Asia/Seoul";
const T = Date.UTC(2017, 10, 30, 9, 53, 48, 250);

test("formatIsoLocal writes local time with its offset, like date -Iseconds", () => {
  assert.equal(formatIsoLocal(T), "2017-11-30T18:53:48+09:00");
  assert.equal(formatIsoLocal(T, true), "2017-11-30T18:53:48.250+09:00");
  process.env.TZ = "America/St_Johns"; // a half-hour zone west of UTC
  assert.equal(formatIsoLocal(T), "2017-11-30T06:23:48-03:30");
  process.env.TZ = "Asia/Seoul";
});

test("formatLocal and formatSpan are for people", () => {
  assert.equal(formatLocal(T), "2017-11-30 18:53:48");
  assert.equal(formatLocal(T, true), "2017-11-30 18:53:48.250");
  assert.equal(formatSpan(4800), "4.8s");
  assert.equal(formatSpan(192_000), "3m12s");
  assert.equal(formatSpan(7_500_000), "2h05m");
  assert.equal(formatSpan(3 * 86_400_000 + 4 * 3600_000), "3d04h");
});

test("renderCsv quotes only fields with commas, quotes or newlines", () => {
  assert.equal(
    renderCsv(
      ["a", "b", "c"],
      [
        ["x,y", 'say "hi"', null],
        [1.5, "plain", "two\nlines"],
      ],
    ),
    'a,b,c\n"x,y","say ""hi""",\n1.5,plain,"two\nlines"\n',
  );
  assert.equal(csvNumber(1 / 3), "0.333");
  assert.equal(csvNumber(2), "2");
  assert.equal(csvNumber(null), "");
});

test("renderTable aligns columns, numbers to the right", () => {
  const out = renderTable(
    [{ header: "IF" }, { header: "RX", align: "right" }, { header: "STATE" }],
    [
      ["eth0", "12", "up"],
      ["bond0", "1.5k", "down"],
    ],
  );
  assert.equal(out, "IF       RX  STATE\neth0     12  up\nbond0  1.5k  down\n");
  assert.equal(compactNumber(999), "999");
  assert.equal(compactNumber(1234), "1.2k");
  assert.equal(compactNumber(34_500_000), "34.5M");
  assert.equal(compactNumber(300_000), "300k");
  assert.equal(compactNumber(null), "");
});

test("store text in tables and in an incident is shown with control characters escaped", () => {
  const table = renderTable([{ header: "subject" }], [["e\u001b]0;pwn\u0007"], ["a\nFAKE ROW"]]);
  assert.equal(table, "subject\ne\\e]0;pwn\\x07\na\\nFAKE ROW\n");
});
