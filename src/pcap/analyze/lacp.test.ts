import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeAll, type LacpSide, lacpduFrame } from "../../../test/pcap-frames.js";
import { analyzeLacp } from "./lacp.js";

const HOST = "00:1b:21:00:00:01";
const SWITCH = "00:1c:73:aa:bb:cc";
const us = (state: number): LacpSide => ({ system: HOST, key: 15, port: 1, state });
const them = (state: number): LacpSide => ({ system: SWITCH, key: 1, port: 11, state });

test("analyzeLacp: intervals against the partner's rate, and a state change in words", () => {
  const frames = decodeAll([
    [100, lacpduFrame(HOST, us(0x3f), them(0x3f))],
    [101, lacpduFrame(HOST, us(0x3f), them(0x3f))],
    [102, lacpduFrame(HOST, us(0x37), them(0x3f))],
  ]);
  const r = analyzeLacp(frames);
  assert.equal(r.pdus, 3);
  const port = r.ports[0];
  assert.ok(port);
  assert.deepEqual(
    [port.mac, port.rate, port.expectedInterval, port.medianInterval],
    [HOST, "fast", 1, 1],
  );
  assert.deepEqual(
    port.events.map((e) => e.message),
    ["actor lost synchronization at frame 3"],
  );
  assert.deepEqual(port.timeline[2]?.actorState, [
    "activity",
    "short-timeout",
    "aggregation",
    "collecting",
    "distributing",
  ]);
});

test("analyzeLacp: a gap over 3 intervals, a partner change, and a port silent at the end", () => {
  const frames = decodeAll([
    [0, lacpduFrame(HOST, us(0x3d), them(0x3d))],
    [30, lacpduFrame(HOST, us(0x3d), them(0x3d))],
    [123, lacpduFrame(HOST, us(0x45), undefined)],
    [124, lacpduFrame("02:00:00:00:00:09", them(0x3d), us(0x3d))],
    [400, lacpduFrame("02:00:00:00:00:09", them(0x3d), us(0x3d))],
  ]);
  const r = analyzeLacp(frames);
  const messages = r.events.map((e) => e.message);
  assert.ok(
    messages.includes(`no LACPDU from ${HOST} for 93 s (slow rate: one every 30 s), until frame 3`),
    messages.join("\n"),
  );
  assert.ok(messages.includes(`partner changed from ${SWITCH} key 1 port 11 to none at frame 3`));
  assert.ok(
    messages.includes(
      `no LACPDU from ${HOST} for 277 s until the end of the capture (last at frame 3)`,
    ),
  );
});

test("analyzeLacp finds ports of one aggregator that see two different partner systems", () => {
  const other = "00:1c:73:dd:ee:ff";
  const frames = decodeAll([
    [0, lacpduFrame("00:1b:21:00:00:01", us(0x3d), them(0x3d))],
    [
      0,
      lacpduFrame("00:1b:21:00:00:02", { ...us(0x3d), port: 2 }, { ...them(0x3d), system: other }),
    ],
  ]);
  const r = analyzeLacp(frames);
  assert.equal(r.splits.length, 1);
  assert.deepEqual(
    r.splits[0]?.partners.map((p) => [p.system, p.ports]),
    [
      [SWITCH, ["00:1b:21:00:00:01"]],
      [other, ["00:1b:21:00:00:02"]],
    ],
  );
});

test("analyzeLacp keeps the latest PDUs when the timeline is longer than its limit", () => {
  const frames = decodeAll(
    Array.from({ length: 50 }, (_, i) => [i, lacpduFrame(HOST, us(0x3f), them(0x3f))] as const),
  );
  const port = analyzeLacp(frames, { timelineLimit: 10 }).ports[0];
  assert.deepEqual(
    [port?.timeline.length, port?.timelineDropped, port?.timeline[0]?.frame],
    [10, 40, 41],
  );
});
