import assert from "node:assert/strict";
import { test } from "node:test";
import { bond, slave, snapshot } from "../../../test/support/builders.js";
import { decodeLacpState } from "../parse/lacp-state.js";
import { fillHiddenLacpFacts } from "./hidden-facts.js";

test("fillHiddenLacpFacts tells a non-root user which 802.3ad details the kernel hid", () => {
  const s = snapshot({
    bonds: [bond("bond0", { mode: "802.3ad", slaves: [slave("eno1"), slave("eno2")] })],
  });
  const [msg, ...rest] = fillHiddenLacpFacts(s, { live: true, uid: 1000 });
  assert.equal(rest.length, 0);
  assert.match(
    msg ?? "",
    /bond0: no source showed the LACP active aggregator ID, number of ports, partner MAC; aggregator ID of eno1, eno2;/,
  );
  assert.match(msg ?? "", /partner system MAC of eno1, eno2 \(run as root/);
});

test("fillHiddenLacpFacts names only the facts no source showed", () => {
  const state = decodeLacpState(61);
  const seen = snapshot({
    bonds: [
      bond("bond0", {
        mode: "802.3ad",
        ad: { activeAggregator: { id: 1, ports: 2, partnerMac: "00:11:22:33:44:55" } },
        slaves: [
          slave("eno1", { aggregatorId: 1, actor: { state }, partner: { state } }),
          slave("eno2", { aggregatorAbsent: "n/a", actor: { state }, partner: { state } }),
        ],
      }),
    ],
  });
  assert.deepEqual(fillHiddenLacpFacts(seen, { live: false, uid: 0 }), [
    "bond0: no source showed the LACP partner system MAC of eno1, eno2; LACP rules judged only what was visible",
  ]);
  const ab = snapshot({
    bonds: [bond("bond1", { mode: "active-backup", slaves: [slave("eth0")] })],
  });
  assert.deepEqual(fillHiddenLacpFacts(ab, { live: true, uid: 1000 }), []);
});

test("fillHiddenLacpFacts does not ask to run as root for a sosreport", () => {
  const s = snapshot({ bonds: [bond("bond0", { mode: "802.3ad", slaves: [slave("eno1")] })] });
  assert.doesNotMatch(fillHiddenLacpFacts(s, { live: false, uid: 0 })[0] ?? "", /run as root/);
});
