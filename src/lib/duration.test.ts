import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DurationError,
  parseDurationMs,
  parseDurationOption,
  parseTimeSpec,
  TimeSpecError,
} from "./duration.js";

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);

test("parseTimeSpec reads 30s, 15m, 2h, 7d and combinations as time ago", () => {
  assert.equal(parseTimeSpec("30s", NOW), NOW - 30_000);
  assert.equal(parseTimeSpec("15m", NOW), NOW - 900_000);
  assert.equal(parseTimeSpec("2h", NOW), NOW - 7_200_000);
  assert.equal(parseTimeSpec("7d", NOW), NOW - 7 * 86_400_000);
  assert.equal(parseTimeSpec("1h30m", NOW), NOW - 5_400_000);
  assert.equal(parseTimeSpec(" 1.5h ", NOW), NOW - 5_400_000);
  assert.equal(parseDurationMs("2m10s"), 130_000);
});

test("parseTimeSpec reads ISO-8601 with Z, +hh:mm and date -Iseconds' +hhmm", () => {
  assert.equal(parseTimeSpec("2024-05-01T10:00:00Z", NOW), Date.UTC(2024, 4, 1, 10));
  assert.equal(parseTimeSpec("2017-11-30T18:53:48+0900", NOW), Date.UTC(2017, 10, 30, 9, 53, 48));
  assert.equal(
    parseTimeSpec("2017-11-30T18:53:48.250+09:00", NOW),
    Date.UTC(2017, 10, 30, 9, 53, 48, 250),
  );
  assert.equal(parseTimeSpec("2024-05-01 10:00-02", NOW), Date.UTC(2024, 4, 1, 12));
});

test("parseTimeSpec takes a timestamp without offset, or a bare date, as local time", () => {
  assert.equal(parseTimeSpec("2024-05-01T10:00:00", NOW), new Date(2024, 4, 1, 10).getTime());
  assert.equal(parseTimeSpec("2024-05-01", NOW), new Date(2024, 4, 1).getTime());
});

test("parseTimeSpec reads epoch seconds and now", () => {
  assert.equal(parseTimeSpec("1714564800", NOW), 1_714_564_800_000);
  assert.equal(parseTimeSpec("1714564800.5", NOW), 1_714_564_800_500);
  assert.equal(parseTimeSpec("now", NOW), NOW);
});

test("parseTimeSpec says what is wrong with bad input", () => {
  const bad: [string, RegExp][] = [
    ["", /empty/],
    ["yesterday", /not a duration, a timestamp or epoch seconds/],
    ["15", /did you mean 15s\?/],
    ["1714564800000", /milliseconds/],
    ["10x", /not a duration/],
    ["2024-02-30", /no such date/],
    ["2024-13-01T00:00Z", /no such date/],
    ["2024-05-01T24:00Z", /no such time/],
    ["-5m", /cannot read time "-5m"/],
  ];
  for (const [input, why] of bad) {
    assert.throws(
      () => parseTimeSpec(input, NOW),
      (err: unknown) => err instanceof TimeSpecError && why.test(err.message),
      input,
    );
  }
});

test("parseDurationOption reads the units the docs use, and a bare number in the option's unit", () => {
  const duration = { option: "--duration", bareUnit: "s", minMs: 1, maxMs: 86_400_000 } as const;
  assert.equal(parseDurationOption("10s", duration), 10_000);
  assert.equal(parseDurationOption("10", duration), 10_000);
  assert.equal(parseDurationOption("1.5m", duration), 90_000);
  assert.equal(parseDurationOption("1h30m", duration), 5_400_000);
  assert.equal(parseDurationOption("250ms", duration), 250);
  assert.equal(parseDurationOption("1m500ms", duration), 60_500);
  const interval = { option: "--interval", bareUnit: "ms", minMs: 50, maxMs: 60_000 } as const;
  assert.equal(parseDurationOption("100", interval), 100);
  assert.equal(parseDurationOption("2s", interval), 2000);
});

test("parseDurationOption refuses what it cannot read, and out of range, naming the option", () => {
  const o = { option: "--duration", bareUnit: "s", minMs: 1, maxMs: 86_400_000 } as const;
  for (const bad of ["10x", "", "s", "ten seconds", "-5s", "10 s", "1e3", "NaN"])
    assert.throws(
      () => parseDurationOption(bad, o),
      (err: unknown) =>
        err instanceof DurationError && /^--duration: cannot read/.test(err.message),
      bad,
    );
  assert.throws(
    () => parseDurationOption("2d", o),
    /--duration: "2d" is out of range \(1ms to 1d\)/,
  );
  assert.throws(() => parseDurationOption("0", o), /out of range/);
});

test("a time ago in milliseconds works for --since too", () => {
  assert.equal(parseTimeSpec("500ms", NOW), NOW - 500);
  assert.equal(parseTimeSpec("1m", NOW), NOW - 60_000);
});
