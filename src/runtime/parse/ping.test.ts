import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePingLine } from "./ping.js";

test("a reply carries its sequence and round-trip time", () => {
  assert.deepEqual(
    parsePingLine("[1796066063.555381] 64 bytes from 10.0.0.1: icmp_seq=20 ttl=64 time=0.069 ms"),
    { type: "reply", t_ms: 1796066063555.381, seq: 20, rtt_ms: 0.069 },
  );
});

test("-O reports a probe that got no answer", () => {
  const l = parsePingLine("[1796066063.151279] no answer yet for icmp_seq=12");
  assert.equal(l.type, "lost");
  assert.equal(l.type === "lost" && l.seq, 12);
});

test("an ICMP error is a lost probe with its reason", () => {
  const l = parsePingLine("[1.5] From 10.0.0.10 icmp_seq=5 Destination Host Unreachable");
  assert.equal(l.type === "lost" && l.reason, "Destination Host Unreachable");
});

test("the banner and statistics are ignored", () => {
  assert.equal(
    parsePingLine("PING 10.0.0.1 (10.0.0.1) from 10.0.0.10 eth0: 56(84) bytes").type,
    "other",
  );
  assert.equal(parsePingLine("").type, "other");
});
