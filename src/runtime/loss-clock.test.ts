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
  assert.deepEqual(c.lostLine(2, 1000), []);
  assert.deepEqual(c.lostLine(3, 1000), [3]);
});

test("ping's loss line for a probe whose answer is not due yet is no loss: a preloaded ping sends the next probe at once", () => {
  const c = new LossClock(12);
  for (let seq = 1; seq <= 10; seq++) c.reply(seq, seq * 12);
  // ping -l 2 was late and sends 11 and 12 back to back; 11's answer is still in flight.
  assert.deepEqual(c.lostLine(11, 130), []);
  c.reply(11, 130.2);
  c.reply(12, 130.4);
  assert.equal(c.overdue(140), null, "nothing lost");
  // A probe that stays unanswered past its deadline is lost, once.
  const due = c.deadline() ?? 0;
  assert.deepEqual(c.lostLine(13, due + 1), [13]);
  assert.equal(c.overdue(due + 1), null, "the clock does not count 13 again");
});

test("before the first answer, ping's loss lines are the losses; the first probe's counts with the second's", () => {
  const silent = new LossClock(100);
  // ping -l 2 sends 1 and 2 together, saying "no answer yet for 1" as 2 leaves.
  assert.deepEqual(silent.lostLine(1, 0), []);
  assert.deepEqual(silent.lostLine(2, 100), [1, 2]);
  assert.deepEqual(silent.lostLine(3, 200), [3]);
  assert.deepEqual(silent.lostLine(3, 300), [], "ping repeats a line while it cannot send");
  const slow = new LossClock(100);
  slow.lostLine(1, 0);
  slow.reply(1, 3);
  assert.deepEqual(slow.lostLine(2, 100), [], "probe 1 was answered, probe 2 is not due yet");
});
