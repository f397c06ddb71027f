import assert from "node:assert/strict";
import { test } from "node:test";
import type { WatchEvent } from "../../events/types.js";
import {
  escapeParamValue,
  frameOctetCounted,
  renderRfc5424,
  renderTimestamp,
  truncateUtf8,
} from "./rfc5424.js";

const T = Date.UTC(2024, 4, 17, 8, 30, 5, 42);
const base: WatchEvent = {
  t_ms: T,
  kind: "link-down",
  subject: "eth0",
  severity: "critical",
  detail: "eth0 lost carrier; bond0 fails over to eth1",
  ifname: "eth0",
  incident_id: 7,
  host: "web-01",
};

test("renderRfc5424 writes header, structured data and message in RFC 5424 order", () => {
  assert.equal(
    renderRfc5424(base, { procid: 4242 }),
    '<26>1 2024-05-17T08:30:05.042Z web-01 linkguard 4242 link-down [linkguard@32473 subject="eth0" ifname="eth0" incident="7"] eth0 lost carrier; bond0 fails over to eth1',
  );
});

test("renderRfc5424 maps severities to crit, warning and info under the chosen facility", () => {
  const pri = (e: Partial<WatchEvent>, facility?: "local3" | "kern") =>
    renderRfc5424({ ...base, ...e }, facility ? { facility } : {}).split(">")[0];
  assert.equal(pri({ severity: "critical" }), "<26"); // daemon(3)*8 + crit(2)
  assert.equal(pri({ severity: "warning" }), "<28");
  assert.equal(pri({ severity: "info" }), "<30");
  assert.equal(pri({ severity: "warning" }, "local3"), "<156"); // 19*8 + 4
  assert.equal(pri({ severity: "critical" }, "kern"), "<2");
});

test("renderRfc5424 leaves out ifname and incident when the event has none", () => {
  const { ifname: _i, incident_id: _n, ...bare } = base;
  const line = renderRfc5424({ ...bare, kind: "probe-loss", subject: "eth0>10.0.0.1" });
  assert.match(line, / - probe-loss \[linkguard@32473 subject="eth0>10\.0\.0\.1"\] eth0 /);
});

test('escapeParamValue escapes ", \\ and ] and nothing else', () => {
  assert.equal(escapeParamValue('a"b\\c]d[e=f'), 'a\\"b\\\\c\\]d[e=f');
  const line = renderRfc5424({ ...base, subject: 'bond"0]\\x' });
  assert.ok(line.includes('subject="bond\\"0\\]\\\\x"'), line);
});

test("renderRfc5424 keeps header fields to printable ASCII and uses NILVALUE when empty", () => {
  const line = renderRfc5424({ ...base, host: "web 01\u00e9" }, { app: "" });
  assert.match(line, /^<26>1 \S+ web01 - - link-down /);
  assert.match(renderRfc5424({ ...base, host: "" }), /^<26>1 \S+ - linkguard - link-down /);
});

test("renderRfc5424 sends the detail as UTF-8 without a BOM and omits an empty MSG", () => {
  const line = renderRfc5424({ ...base, detail: "Ünterbrechung ⚠" });
  assert.ok(line.endsWith('incident="7"] Ünterbrechung ⚠'));
  assert.ok(!line.includes("\ufeff"));
  assert.ok(renderRfc5424({ ...base, detail: "" }).endsWith('incident="7"]'));
});

test("renderTimestamp is UTC with milliseconds and NILVALUE for an invalid time", () => {
  assert.equal(renderTimestamp(T + 0.9), "2024-05-17T08:30:05.042Z");
  assert.equal(renderTimestamp(Number.NaN), "-");
  assert.equal(renderTimestamp(8.64e15 + 1), "-");
  assert.doesNotThrow(() => renderRfc5424({ ...base, t_ms: Number.POSITIVE_INFINITY }));
});

test("frameOctetCounted prefixes the length in octets, not characters (RFC 6587 3.4.1)", () => {
  assert.equal(frameOctetCounted("abc").toString(), "3 abc");
  const framed = frameOctetCounted("ä€");
  assert.equal(framed.toString("utf8"), "5 ä€");
});

test("truncateUtf8 cuts at a character boundary", () => {
  assert.equal(truncateUtf8("abc", 10).toString(), "abc");
  assert.equal(truncateUtf8("ab€", 4).toString(), "ab"); // € is 3 octets
  assert.equal(truncateUtf8("ab€", 5).toString(), "ab€");
});
