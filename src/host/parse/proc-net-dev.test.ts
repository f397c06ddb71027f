import assert from "node:assert/strict";
import { test } from "node:test";
import { parseProcNetDev } from "./proc-net-dev.js";

const SAMPLE = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:    1680      20    0    0    0     0          0         0     1680      20    0    0    0     0       0          0
  eth0: 9876543   12345    2    7    0     0          0        11  1234567     2345    1    3    0     0       0          0
`;

test("reads receive and transmit counters per interface", () => {
  const m = parseProcNetDev(SAMPLE);
  assert.deepEqual([...m.keys()], ["lo", "eth0"]);
  assert.deepEqual(m.get("eth0"), {
    rx_bytes: 9876543,
    rx_packets: 12345,
    rx_errors: 2,
    rx_dropped: 7,
    tx_bytes: 1234567,
    tx_packets: 2345,
    tx_errors: 1,
    tx_dropped: 3,
  });
});

test("names with dots and dashes; short or broken lines are skipped", () => {
  const m = parseProcNetDev("bond0.100: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\nbad: 1 2\n");
  assert.equal(m.get("bond0.100")?.tx_packets, 10);
  assert.equal(m.has("bad"), false);
});
