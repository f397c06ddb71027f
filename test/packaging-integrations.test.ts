// The log-system examples in docs/integrations.md against what the real sinks write: real
// events go through the jsonl sink (to a file) and the syslog sink (UDP to 127.0.0.1); the
// documented regex, the Elastic pipelines, the Alloy stages and the Graylog rules must read
// those lines and name only fields that are really there.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { WatchEvent } from "../src/events/types.js";
import { createJsonlSink } from "../src/runtime/sinks/jsonl.js";
import { udpReceiver } from "../src/runtime/sinks/local-receivers.js";
import { createSyslogSink } from "../src/runtime/sinks/syslog.js";
import { readRepoFile } from "./support/paths.js";

const DOC = readRepoFile("docs/integrations.md");

/** The bodies of the doc's fenced blocks in one language, in order. */
function blocks(lang: string): string[] {
  return [...DOC.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\``, "gm"))].map((m) =>
    (m[1] as string).trimEnd(),
  );
}

const REGEX_SOURCE = (() => {
  const r = blocks("regex");
  assert.equal(r.length, 1, "docs/integrations.md should have exactly one ```regex block");
  return r[0] as string;
})();
const SYSLOG_RE = new RegExp(REGEX_SOURCE);
const GROUP_NAMES = [...REGEX_SOURCE.matchAll(/\(\?<(\w+)>/g)].map((m) => m[1] as string);

const EVENTS: WatchEvent[] = [
  {
    t_ms: Date.UTC(2024, 4, 17, 8, 30, 5, 42),
    kind: "link-down",
    subject: "eth0",
    severity: "critical",
    detail: 'eth0 lost carrier; bond0 fails over to "eth1"',
    ifname: "eth0",
    incident_id: 7,
    data: { carrier_changes: 14 },
    host: "web-01",
  },
  {
    t_ms: Date.UTC(2024, 4, 17, 8, 30, 6, 0),
    kind: "address-conflict",
    subject: 'odd "name" with \\ and ]',
    severity: "warning",
    detail: "",
    host: "web-01",
  },
];

async function realSyslogLines(): Promise<string[]> {
  const rx = await udpReceiver();
  const sink = createSyslogSink({ host: "127.0.0.1", port: rx.port, protocol: "udp" });
  try {
    for (const e of EVENTS) sink.write(e);
    await sink.flush(5000);
    const got = await rx.waitFor(EVENTS.length, 5000);
    assert.equal(got.length, EVENTS.length, "the UDP receiver got every message");
    return got.map((g) => g.raw);
  } finally {
    await sink.close();
    await rx.close();
  }
}

async function realJsonRecords(): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-integrations-"));
  try {
    const path = join(dir, "events.jsonl");
    const sink = createJsonlSink({ path });
    for (const e of EVENTS) sink.write(e);
    await sink.flush(5000);
    await sink.close();
    const lines = readFileSync(path, "utf8").trimEnd().split("\n");
    assert.equal(lines.length, EVENTS.length);
    return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the documented regex reads every field of a real syslog sink line", async () => {
  const [full, odd] = await realSyslogLines();
  const a = SYSLOG_RE.exec(full ?? "")?.groups;
  assert.ok(a, `no match: ${full}`);
  assert.equal(a.pri, "26"); // daemon (3) * 8 + crit (2)
  assert.equal(a.timestamp, "2024-05-17T08:30:05.042Z");
  assert.equal(a.hostname, "web-01");
  assert.equal(a.app, "linkguard");
  assert.equal(a.procid, String(process.pid));
  assert.equal(a.msgid, "link-down");
  assert.equal(a.subject, "eth0");
  assert.equal(a.ifname, "eth0");
  assert.equal(a.incident, "7");
  assert.equal(a.msg, 'eth0 lost carrier; bond0 fails over to "eth1"');
  // Escaped quote, backslash and bracket stay inside the subject; no ifname, no message.
  const b = SYSLOG_RE.exec(odd ?? "")?.groups;
  assert.ok(b, `no match: ${odd}`);
  assert.equal(b.msgid, "address-conflict");
  assert.equal(b.subject, 'odd \\"name\\" with \\\\ and \\]');
  assert.equal(b.ifname, undefined);
  assert.equal(b.msg, undefined);
});

test("the Elastic grok, the Alloy regex stage and the Graylog rule use the same regex", () => {
  const elastic = blocks("json").map((j) => JSON.parse(j) as Record<string, unknown>);
  const grok = elastic.flatMap((p) =>
    ((p.processors as Record<string, { patterns?: string[] }>[] | undefined) ?? []).flatMap(
      (x) => x.grok?.patterns ?? [],
    ),
  );
  assert.deepEqual(grok, [REGEX_SOURCE], "Elastic grok pattern");

  const alloy = blocks("alloy").flatMap((b) => [...b.matchAll(/expression = `([^`]*)`/g)]);
  assert.equal(alloy.length, 1, "one Alloy regex stage");
  assert.equal(alloy[0]?.[1]?.replaceAll("(?P<", "(?<"), REGEX_SOURCE, "Alloy (RE2) expression");

  const rule = blocks("graylog").find((b) => b.includes("regex("));
  const m = /regex\("((?:[^"\\]|\\.)*)", [^,]+\), \[([^\]]*)\]\)/.exec(rule ?? "");
  assert.ok(m, "a Graylog regex(pattern, value, group_names) call");
  assert.equal(JSON.parse(`"${m[1]}"`), REGEX_SOURCE, "Graylog pattern (string-escaped)");
  assert.deepEqual(JSON.parse(`[${m[2]}]`), GROUP_NAMES, "Graylog group_names, in order");
  for (const [, name] of (rule ?? "").matchAll(/m\["(\w+)"\]/g))
    assert.ok(GROUP_NAMES.includes(name as string), `Graylog rule reads m["${name}"]`);
});

test("the Elastic syslog pipeline moves only groups the regex has", () => {
  const pipeline = blocks("json")
    .map((j) => JSON.parse(j) as { processors?: Record<string, { field?: unknown }>[] })
    .find((p) => p.processors?.some((x) => x.grok));
  const used = (pipeline?.processors ?? [])
    .filter((x) => !x.grok)
    .flatMap((x) => Object.values(x).flatMap((o) => o.field ?? []) as string[]);
  for (const f of used.filter((x) => !x.includes(".")))
    assert.ok(GROUP_NAMES.includes(f), `Elastic syslog pipeline uses ${f}, not a regex group`);
});

test("the JSON-lines examples name only fields a real jsonl line has", async () => {
  const [full] = await realJsonRecords();
  assert.ok(full);
  const keys = Object.keys(full);
  // The documented example line has the same fields as a real one (in the same order).
  const example = JSON.parse(blocks("json")[0] ?? "{}") as Record<string, unknown>;
  assert.deepEqual(Object.keys(example), keys);
  assert.equal(full.time, "2024-05-17T08:30:05.042Z");

  const pipeline = blocks("json")
    .map((j) => JSON.parse(j) as { processors?: Record<string, Record<string, unknown>>[] })
    .find((p) => p.processors?.some((x) => x.json));
  const refs = JSON.stringify(pipeline).match(/linkguard\.[a-z_]+/g) ?? [];
  assert.ok(refs.length > 0);
  for (const r of refs) assert.ok(keys.includes(r.slice(10)), `Elastic jsonl pipeline: ${r}`);

  const alloyJson = blocks("alloy").find((b) => b.includes("stage.json")) ?? "";
  const expressions = /expressions = \{([^}]*)\}/.exec(alloyJson)?.[1] ?? "";
  for (const [, k] of expressions.matchAll(/(\w+) = ""/g))
    assert.ok(keys.includes(k as string), `Alloy stage.json reads ${k}`);

  const graylog = blocks("graylog").find((b) => b.includes("parse_json")) ?? "";
  for (const [, k] of graylog.matchAll(/\$message\.linkguard_(\w+)/g))
    assert.ok(keys.includes(k as string), `Graylog jsonl rule reads linkguard_${k}`);
});
