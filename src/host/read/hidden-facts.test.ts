import assert from "node:assert/strict";
import { test } from "node:test";
import { bond, slave, snapshot } from "../../../test/support/builders.js";
import { fillHiddenLacpFacts } from "./hidden-facts.js";

test("fillHiddenLacpFacts tells a non-root user which 802.3ad details the kernel hid", () => {
  const s = snapshot({
    bonds: [bond("bond0", { mode: "802.3ad", slaves: [slave("eno1"), slave("eno2")] })],
  });
  const [msg, ...rest] = fillHiddenLacpFacts(s, { live: true, uid: 1000 });
  assert.equal(rest.length, 0);
  assert.match(
    msg ?? "",
    /bond0: LACP aggregator and partner details of eno1, eno2 are not in the input \(run as root/,
  );
});

test("fillHiddenLacpFacts is silent when netlink filled the aggregator, and for other modes", () => {
  const seen = snapshot({
    bonds: [bond("bond0", { mode: "802.3ad", slaves: [slave("eno1", { aggregatorId: 1 })] })],
  });
  assert.deepEqual(fillHiddenLacpFacts(seen, { live: true, uid: 1000 }), []);
  const ab = snapshot({
    bonds: [bond("bond1", { mode: "active-backup", slaves: [slave("eth0")] })],
  });
  assert.deepEqual(fillHiddenLacpFacts(ab, { live: true, uid: 1000 }), []);
});

test("fillHiddenLacpFacts does not ask to run as root for a sosreport", () => {
  const s = snapshot({ bonds: [bond("bond0", { mode: "802.3ad", slaves: [slave("eno1")] })] });
  assert.doesNotMatch(fillHiddenLacpFacts(s, { live: false, uid: 0 })[0] ?? "", /run as root/);
});
