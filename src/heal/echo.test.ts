import assert from "node:assert/strict";
import { test } from "node:test";
import { EchoWindows } from "./echo.js";

const reenslave = { action: "reenslave" };
const hook = { action: "run" };

test("events from the start of an action to the end of its settle window are its echo", () => {
  const echoes = new EchoWindows();
  const w = echoes.open("eth0", reenslave, "reenslave", 5);
  assert.equal(echoes.covering("eth0", hook, { seq: 6, t_ms: 1_000 }), w, "during the action");
  w.until_ms = 10_000;
  assert.equal(echoes.covering("eth0", reenslave, { seq: 7, t_ms: 9_999 }), w);
  assert.equal(echoes.covering("eth0", reenslave, { seq: 8, t_ms: 10_000 }), undefined);
  assert.equal(echoes.covering("eth1", reenslave, { seq: 7, t_ms: 5_000 }), undefined);
});

test("events received before the action are already acted on for its rule only", () => {
  const echoes = new EchoWindows();
  const w = echoes.open("eth0", reenslave, "reenslave", 5);
  w.until_ms = 10_000;
  assert.equal(echoes.covering("eth0", reenslave, { seq: 5, t_ms: 0 }), w);
  assert.equal(echoes.covering("eth0", hook, { seq: 5, t_ms: 0 }), undefined);
});
