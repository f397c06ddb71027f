import assert from "node:assert/strict";
import { test } from "node:test";
import { parseResponders } from "./targets.js";

test("responders of an all-hosts ping, fastest first, each once, ourselves left out", () => {
  const out = `PING 224.0.0.1 (224.0.0.1) from 10.77.0.10 eth0: 56(84) bytes of data.
64 bytes from 10.77.0.10: icmp_seq=1 ttl=64 time=0.030 ms
64 bytes from 10.77.0.1: icmp_seq=1 ttl=64 time=0.412 ms
64 bytes from 10.77.0.2: icmp_seq=1 ttl=64 time=0.209 ms
64 bytes from 10.77.0.1: icmp_seq=2 ttl=64 time=0.150 ms
`;
  assert.deepEqual(parseResponders(out, ["10.77.0.10"]), [
    { address: "10.77.0.1", rtt_ms: 0.15 },
    { address: "10.77.0.2", rtt_ms: 0.209 },
  ]);
});
