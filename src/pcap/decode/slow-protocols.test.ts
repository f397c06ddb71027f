import assert from "node:assert/strict";
import { test } from "node:test";
import { lacpduFrame } from "../../../test/pcap-frames.js";
import { ByteCursor } from "../cursor.js";
import { decodeSlowProtocol } from "./slow-protocols.js";

const decode = (bytes: number[] | Uint8Array, at = 0) =>
  decodeSlowProtocol(new ByteCursor(Uint8Array.from(bytes), at));

test("decodeSlowProtocol reads a LACPDU: actor, partner, state bits by name, collector max delay", () => {
  const frame = lacpduFrame(
    "00:1b:21:00:00:01",
    { system: "00:1b:21:00:00:01", key: 15, port: 1, state: 0x3f, systemPriority: 65535 },
    { system: "00:1c:73:aa:bb:cc", key: 1, port: 11, state: 0x3d },
  );
  const pdu = decode(frame, 14);
  assert.equal(pdu.kind, "lacp");
  if (pdu.kind !== "lacp") return;
  assert.deepEqual(
    [pdu.actor?.systemPriority, pdu.actor?.system, pdu.actor?.key, pdu.actor?.port],
    [65535, "00:1b:21:00:00:01", 15, 1],
  );
  assert.deepEqual(
    [pdu.actor?.state.lacpTimeout, pdu.actor?.state.distributing, pdu.actor?.state.expired],
    [true, true, false],
  );
  assert.deepEqual(
    [pdu.partner?.system, pdu.partner?.port, pdu.partner?.state.raw],
    ["00:1c:73:aa:bb:cc", 11, 0x3d],
  );
  assert.equal(pdu.collectorMaxDelay, 5);
  assert.deepEqual(pdu.otherTlvs, []);
});

test("decodeSlowProtocol reads Marker PDUs and keeps other subtypes as data", () => {
  const marker = decode([2, 1, 2, 16, 0, 7, 0, 0x1b, 0x21, 0, 0, 1, 0, 0, 0, 42, 0, 0]);
  assert.deepEqual(marker, {
    kind: "marker",
    version: 1,
    response: true,
    requesterPort: 7,
    requesterSystem: "00:1b:21:00:00:01",
    requesterTransactionId: 42,
  });
  assert.deepEqual(decode([10, 0, 0x19, 0xa7, 1]), { kind: "slow-protocol", subtype: 10 });
});

test("decodeSlowProtocol: a TLV length under 2 or past the end is malformed", () => {
  const short = decode([1, 1, 1, 1]);
  assert.deepEqual(short.kind === "malformed" && [short.field, short.truncated], [
    "lacp tlv length",
    false,
  ]);
  const cut = decode([1, 1, 1, 20, 0x80, 0]);
  assert.deepEqual(cut.kind === "malformed" && [cut.protocol, cut.truncated], [
    "slow-protocols",
    true,
  ]);
});
