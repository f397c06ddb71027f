import assert from "node:assert/strict";
import { test } from "node:test";
import { boundPassed, parseTarListing } from "./tar-listing.js";

// GNU tar 1.34: tar -tvf X --numeric-owner --quoting-style=escape
const LISTING = [
  "drwxr-xr-x 0/0               0 2026-12-04 18:10 sos/",
  "-rw-r--r-- 0/0            1234 2026-12-04 18:10 sos/we ird\\nname",
  "prw-r--r-- 0/0               0 2026-12-04 18:10 sos/p",
  "crw-r--r-- 0/0             1,5 2026-12-04 18:10 sos/zero",
  "lrwxrwxrwx 0/0               0 2026-12-04 18:10 sos/l -> /etc",
  "hrw-r--r-- 0/0               0 2026-12-04 18:10 sos/a link to sos/h",
  "-rw-r--r-- 0/0      2147483648 2026-12-04 18:10 sos/zeros",
].join("\n");

test("parseTarListing counts members, regular-file bytes and FIFOs/devices", () => {
  assert.deepEqual(parseTarListing(`${LISTING}\n`), {
    entries: 7,
    bytes: 2147483648 + 1234,
    special: 2,
  });
});

test("boundPassed names the entry bound first, then the byte bound, else nothing", () => {
  const listing = parseTarListing(LISTING);
  assert.match(boundPassed(listing, { entries: 5, bytes: 1e12 }) ?? "", /the entry bound/);
  assert.match(
    boundPassed(listing, { entries: 100, bytes: 1024 ** 3 }) ?? "",
    /at least 2\.0 GiB, more than the 1\.0 GiB doctor unpacks \(the unpacked-bytes bound\)/,
  );
  assert.equal(boundPassed(listing, { entries: 100, bytes: 1e12 }), undefined);
});
