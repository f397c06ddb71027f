import assert from "node:assert/strict";
import { test } from "node:test";
import { attempt, ByteCursor, DecodeError } from "./cursor.js";

test("ByteCursor reads big-endian by default, little-endian when asked, and moves on", () => {
  const c = new ByteCursor(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
  assert.equal(c.u8("a"), 1);
  assert.equal(c.u16("b"), 0x0203);
  assert.equal(c.u16("c", true), 0x0504);
  assert.equal(c.remaining, 6);
  assert.equal(c.mac("d"), 0x060708090a0b);
  assert.equal(c.remaining, 0);
});

test("ByteCursor offsets are relative to the frame it was given (base), over a shared view", () => {
  const chunk = Uint8Array.of(0xff, 0xff, 0xaa, 0xbb, 0xcc, 0xdd);
  const view = new DataView(chunk.buffer);
  const c = new ByteCursor(chunk, 0, 4, false, view, 2);
  assert.equal(c.u16("x"), 0xaabb);
  assert.deepEqual([...c.bytesOf(2, "y")], [0xcc, 0xdd]);
  const sub = new ByteCursor(chunk, 1, 3, false, view, 2).sub(1, "z");
  assert.deepEqual([sub.offset, sub.end, sub.u8("z")], [1, 2, 0xbb]);
});

test("a read past the end throws a truncated DecodeError naming the field and offset", () => {
  const c = new ByteCursor(Uint8Array.of(1, 2, 3), 1);
  assert.throws(
    () => c.u32("length"),
    (e: unknown) => {
      assert.ok(e instanceof DecodeError);
      assert.deepEqual(
        [e.name, e.field, e.offset, e.truncated],
        ["DecodeError", "length", 1, true],
      );
      assert.match(e.message, /length: need 4 bytes at offset 1, have 2/);
      return true;
    },
  );
  assert.equal(c.offset, 1, "a failed read does not move the cursor");
  assert.throws(() => c.rest(1).u16("x"), DecodeError);
});

test("attempt turns a DecodeError into Malformed data and lets bugs through", () => {
  const c = new ByteCursor(Uint8Array.of(1));
  assert.deepEqual(
    attempt("demo", c, (x) => x.u16("word")),
    {
      kind: "malformed",
      protocol: "demo",
      offset: 0,
      field: "word",
      message: "word: need 2 bytes at offset 0, have 1",
      truncated: true,
    },
  );
  assert.throws(
    () =>
      attempt("demo", c, () => {
        throw new TypeError("bug");
      }),
    TypeError,
  );
});
