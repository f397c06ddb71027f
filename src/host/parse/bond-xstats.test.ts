import assert from "node:assert/strict";
import { test } from "node:test";
import { parseBondXstats } from "./bond-xstats.js";

const SAMPLE = `bond0
                eno1
                LACPDU Rx 0
                LACPDU Tx 2861
                LACPDU Unknown type Rx 0
                LACPDU Illegal Rx 0
                Marker Rx 0
                eno2
                LACPDU Rx 15
                LACPDU Tx 2860
`;

test("parseBondXstats reads each member's LACPDU Rx and Tx with the Rx line", () => {
  const { value, problems } = parseBondXstats(SAMPLE, "xstats");
  assert.deepEqual(problems, []);
  assert.deepEqual(value.eno1, { line: 3, lacpduRx: 0, lacpduTx: 2861 });
  assert.deepEqual(value.eno2, { line: 9, lacpduRx: 15, lacpduTx: 2860 });
  assert.equal(value.bond0, undefined, "the bond itself has no counters");
});

test("parseBondXstats reads unindented output and ignores junk", () => {
  const { value } = parseBondXstats("bond1\neth0\nLACPDU Rx 7\nLACPDU Tx 9\n%%% junk %%%\n", "x");
  assert.equal(value.eth0?.lacpduRx, 7);
  assert.deepEqual(parseBondXstats("", "x").value, {});
});
