import assert from "node:assert/strict";
import { test } from "node:test";
import type { Timeline, TimelineRow } from "../../store/queries.js";
import { renderTimelineCsv, renderTimelineText, timelineCsvHeader } from "./timeline.js";

process.env.TZ = "Asia/Seoul";

function row(fields: Partial<TimelineRow>): TimelineRow {
  return {
    t_ms: Date.UTC(2017, 10, 30, 9, 57, 12),
    ifname: "dp0bond0",
    carrier: true,
    operstate: "up",
    state_age_s: 184323.602,
    carrier_changes: 1,
    carrier_down_s: null,
    rx_bps: 1250.5,
    tx_bps: 300,
    rx_pps: 10,
    tx_pps: 4,
    rx_errors_ps: 0,
    tx_errors_ps: 0,
    rx_dropped_ps: 0.25,
    tx_dropped_ps: 0,
    probes: {},
    ...fields,
  };
}

// The third block of the incident-004 checker output: dp0bond0 went down 65 s before the
// sample, after pings to 10.0.80.11 had already been failing.
const tl: Timeline = {
  source: "1m",
  targets: ["10.0.80.11", "8.8.8.8"],
  rows: [
    row({
      carrier: false,
      operstate: "down",
      state_age_s: 65.227,
      carrier_changes: 2,
      carrier_down_s: 42,
      probes: {
        "8.8.8.8": { sent: 1, lost: 0, rtt_ms: 31.2 },
        "10.0.80.11": { sent: 1, lost: 1, rtt_ms: null },
      },
    }),
    row({ ifname: "dp0s0", state_age_s: 184326.811, carrier_changes: 3 }),
  ],
};

test("the timeline CSV starts with the incident-004 columns, one ping column per target", () => {
  assert.deepEqual(timelineCsvHeader(tl.targets).slice(0, 8), [
    "date",
    "if",
    "carr",
    "state",
    "age",
    "chngs",
    "ping_10.0.80.11",
    "ping_8.8.8.8",
  ]);
  const [header, first, second] = renderTimelineCsv(tl).trimEnd().split("\n");
  assert.equal(
    header,
    "date,if,carr,state,age,chngs,ping_10.0.80.11,ping_8.8.8.8," +
      "rx_bps,tx_bps,rx_pps,tx_pps,rx_errors_ps,tx_errors_ps,rx_dropped_ps,tx_dropped_ps," +
      "rtt_ms_10.0.80.11,rtt_ms_8.8.8.8",
  );
  assert.equal(
    first,
    "2017-11-30T18:57:12+09:00,dp0bond0,0,down,65.227,2,0,1,1250.5,300,10,4,0,0,0.25,0,,31.2",
  );
  assert.equal(
    second,
    "2017-11-30T18:57:12+09:00,dp0s0,1,up,184326.811,3,,,1250.5,300,10,4,0,0,0.25,0,,",
    "no probe through the interface: empty ping cells",
  );
});

test("raw timeline CSV dates keep milliseconds; unknown values stay empty", () => {
  const raw: Timeline = {
    source: "raw",
    targets: [],
    rows: [row({ t_ms: Date.UTC(2017, 10, 30, 9, 57, 12, 5), carrier: null, state_age_s: null })],
  };
  const line = renderTimelineCsv(raw).split("\n")[1];
  assert.equal(line, "2017-11-30T18:57:12.005+09:00,dp0bond0,,up,,1,1250.5,300,10,4,0,0,0.25,0");
});

test("the minute timeline text is a table with answered/sent per target and carrier-down seconds", () => {
  const lines = renderTimelineText(tl).split("\n");
  assert.match(
    lines[0] ?? "",
    /^MINUTE\s+IF\s+CARR\s+STATE\s+AGE\s+CHNGS\s+DOWN_S\s+ping 10\.0\.80\.11\s+ping 8\.8\.8\.8/,
  );
  assert.match(
    lines[1] ?? "",
    /^2017-11-30 18:57:12\s+dp0bond0\s+0\s+down\s+65\.2\s+2\s+42\s+0\/1\s+1\/1\s/,
  );
  assert.match(lines[1] ?? "", /1\.3k\s+300\s+10\s+4\s+0\s+0\.3$/);
});
