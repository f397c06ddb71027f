import assert from "node:assert/strict";
import { test } from "node:test";
import { icmpEcho } from "../../../test/pcap-frames.js";
import { ByteCursor } from "../cursor.js";
import { decodeIcmp } from "./icmp.js";

test("decodeIcmp reads echo requests and replies with their identifier and sequence", () => {
  assert.deepEqual(decodeIcmp(new ByteCursor(icmpEcho(true, 77, 5))), {
    kind: "icmp",
    type: 8,
    code: 0,
    echo: { request: true, id: 77, seq: 5 },
  });
  const reply = decodeIcmp(new ByteCursor(icmpEcho(false, 77, 5)));
  assert.equal(reply.kind === "icmp" && reply.echo?.request, false);
});

test("decodeIcmp reads other types without echo fields, and a cut header as malformed", () => {
  const unreachable = decodeIcmp(new ByteCursor(Uint8Array.of(3, 1, 0, 0, 0, 0, 0, 0)));
  assert.deepEqual(
    unreachable.kind === "icmp" && [unreachable.type, unreachable.code, unreachable.echo],
    [3, 1, undefined],
  );
  assert.equal(decodeIcmp(new ByteCursor(Uint8Array.of(8, 0))).kind, "malformed");
});
