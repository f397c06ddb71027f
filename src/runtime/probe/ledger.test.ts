import assert from "node:assert/strict";
import { test } from "node:test";
import { ProbeLedger } from "./ledger.js";

test("an answer gives the RTT from the probe's own send time, to the microsecond", () => {
  const l = new ProbeLedger(100);
  l.sent(1, 1000.25);
  assert.equal(l.answered(1, 1000.3125), 0.0625);
  assert.equal(l.answered(1, 1001), null, "a second answer to one probe is not counted again");
  assert.equal(l.answered(7, 1001), null, "an answer to a probe never sent is ignored");
});

test("before any answer a probe is lost after one interval, at least a second", () => {
  const l = new ProbeLedger(20);
  l.sent(1, 0);
  assert.deepEqual(l.overdue(999), []);
  assert.deepEqual(l.overdue(1000), [1]);
  assert.deepEqual(l.overdue(5000), [], "a lost probe is reported once");
});

test("on a fast path a lost probe is known 5 ms after it was sent, not one interval later", () => {
  const l = new ProbeLedger(14);
  for (let seq = 1; seq <= 10; seq++) {
    l.sent(seq, seq * 14);
    l.answered(seq, seq * 14 + 0.05);
  }
  l.sent(11, 154);
  assert.equal(l.nextDeadline(), 159);
  assert.deepEqual(l.overdue(158.9), []);
  assert.deepEqual(l.overdue(159), [11]);
  assert.equal(l.nextDeadline(), null);
});

test("a slow, jittery target earns a longer timeout, so its answers are not called lost", () => {
  const l = new ProbeLedger(100);
  const rtts = [30, 45, 25, 50, 35, 40, 28, 47];
  rtts.forEach((rtt, i) => {
    l.sent(i, i * 100);
    l.answered(i, i * 100 + rtt);
  });
  assert.ok(l.timeout() > 50, `timeout ${l.timeout()} ms covers the slowest answer seen`);
});

test("overdue lists every late probe oldest first and keeps the ones still in time", () => {
  const l = new ProbeLedger(10, 5);
  l.sent(1, 0);
  l.answered(1, 0.1);
  l.sent(2, 10);
  l.sent(3, 20);
  l.sent(4, 30);
  assert.deepEqual(l.overdue(26), [2, 3]);
  assert.equal(l.nextDeadline(), 35);
});

test("a target that became slow is lost at first, then its late answers lengthen the timeout", () => {
  const l = new ProbeLedger(100);
  for (let seq = 1; seq <= 10; seq++) {
    l.sent(seq, seq * 100);
    l.answered(seq, seq * 100 + 0.1);
  }
  // From now on the target answers after 30 ms.
  let lostCount = 0;
  let answeredCount = 0;
  for (let seq = 11; seq <= 40; seq++) {
    const t = seq * 100;
    l.sent(seq, t);
    if (l.overdue(t + 30).length) lostCount++;
    if (l.answered(seq, t + 30) !== null) answeredCount++;
  }
  assert.ok(lostCount > 0 && lostCount < 10, `${lostCount} probes called lost before it learned`);
  assert.ok(answeredCount >= 20, `${answeredCount} of the last 30 answered in time`);
});
