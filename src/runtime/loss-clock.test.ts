import assert from "node:assert/strict";
import { test } from "node:test";
import { LossClock } from "./loss-clock.js";

test("answers every 24 ms at -i 0.02: the next one is overdue one learned spacing later", () => {
  const c = new LossClock(20);
  for (let seq = 1; seq <= 20; seq++) c.reply(seq, seq * 24);
  const due = c.deadline() ?? 0;
  assert.ok(due > 480 + 22 && due < 480 + 24 + 11, `deadline ${due}`);
  assert.equal(c.overdue(due - 1), null);
  assert.equal(c.overdue(due), 21);
  assert.equal(c.overdue((c.deadline() ?? 0) + 0), 22, "then one more per spacing");
});

test("ping's own late report of a loss the clock already declared is not counted twice", () => {
  const c = new LossClock(20);
  c.reply(1, 0);
  const lost = c.overdue(1000);
  assert.equal(lost, 2);
  assert.equal(c.lostLine(2), false);
  assert.equal(c.lostLine(3), true);
});

test("no deadline before the first answer", () => {
  assert.equal(new LossClock(20).deadline(), null);
});

test("a jittery target earns a longer timeout; a steady one a short one", () => {
  const steady = new LossClock(100);
  const jittery = new LossClock(100);
  for (let seq = 1; seq <= 50; seq++) {
    steady.reply(seq, seq * 100);
    jittery.reply(seq, seq * 100 + (seq % 2 ? 24 : -24));
  }
  assert.ok(steady.timeout() < 10, `steady ${steady.timeout()}`);
  assert.ok(jittery.timeout() > 50, `jittery ${jittery.timeout()}`);
  assert.ok(jittery.timeout() <= 100, "never more than one interval");
});
