import assert from "node:assert/strict";
import { test } from "node:test";
import { macNumber } from "../addresses.js";
import { ByteCursor } from "../cursor.js";
import { decodeIcmpv6 } from "./icmpv6.js";

const target = [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 0x10];
const mac = [0x00, 0x1b, 0x21, 0x0a, 0x0b, 0x0c];

test("decodeIcmpv6 reads a neighbour solicitation with its source link-layer address", () => {
  const ns = decodeIcmpv6(
    new ByteCursor(Uint8Array.from([135, 0, 0, 0, 0, 0, 0, 0, ...target, 1, 1, ...mac])),
  );
  assert.equal(ns.kind, "icmpv6");
  if (ns.kind !== "icmpv6") return;
  assert.deepEqual(ns.neighbor, {
    advertisement: false,
    target: "2001:db8::10",
    linkAddress: macNumber("00:1b:21:0a:0b:0c"),
    router: false,
    solicited: false,
    override: false,
  });
});

test("decodeIcmpv6 reads an unsolicited advertisement's flags and target link-layer address", () => {
  const na = decodeIcmpv6(
    new ByteCursor(Uint8Array.from([136, 0, 0, 0, 0x20, 0, 0, 0, ...target, 2, 1, ...mac])),
  );
  assert.equal(na.kind === "icmpv6" && na.neighbor?.linkAddress, macNumber("00:1b:21:0a:0b:0c"));
  assert.deepEqual(na.kind === "icmpv6" && [na.neighbor?.solicited, na.neighbor?.override], [
    false,
    true,
  ]);
});

test("decodeIcmpv6 reads echo, stops at a zero-length option, and reports a cut target", () => {
  const echo = decodeIcmpv6(new ByteCursor(Uint8Array.of(129, 0, 0, 0, 0, 9, 0, 3)));
  assert.deepEqual(echo.kind === "icmpv6" && echo.echo, { request: false, id: 9, seq: 3 });
  const zero = decodeIcmpv6(
    new ByteCursor(Uint8Array.from([136, 0, 0, 0, 0, 0, 0, 0, ...target, 2, 0, ...mac])),
  );
  assert.equal(zero.kind === "icmpv6" && zero.neighbor?.linkAddress, undefined);
  assert.equal(
    decodeIcmpv6(new ByteCursor(Uint8Array.from([135, 0, 0, 0, 0, 0, 0, 0, 1, 2]))).kind,
    "malformed",
  );
});
