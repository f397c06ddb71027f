// The query verbs end to end: commander parses the arguments, the verbs read a real store
// written by openStore, and print what a user would see.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Command } from "commander";
import { registerEvents } from "../src/cli/events.js";
import { registerIncidents } from "../src/cli/incidents.js";
import { registerTimeline } from "../src/cli/timeline.js";
import { openStore } from "../src/store/store.js";
import { event, incident, probe, rates, sample, tempDbPath } from "./support/store-data.js";

const T0 = Date.now() - 120_000;

function makeStore(): string {
  const path = tempDbPath();
  const store = openStore(path, { flushEveryMs: 0, maintainEveryMs: 0 });
  const lost = store.addEvent(
    event(T0, { kind: "probe-loss", subject: "eth0>10.0.80.11", detail: "probes lost" }),
  );
  const down = store.addEvent(event(T0 + 4800, { detail: "eth0 lost carrier, after 4.8 s" }));
  store.addEvent(event(T0 + 9000, { kind: "link-up", subject: "eth1", ifname: "eth1" }));
  store.upsertIncident(
    incident(3, { opened_ms: T0, event_ids: [lost, down], captures: ["/tmp/3-eth0.pcap"] }),
  );
  for (let s = 0; s < 10; s++) {
    const t = T0 + s * 1000;
    store.addSample(sample("eth0", t, { carrier: s < 5, carrier_changes: s < 5 ? 1 : 2 }), rates());
    store.addSample(sample("bond0", t), rates());
    store.addProbe(probe("eth0", "10.0.80.11", t - 10, { ok: false, rtt_ms: null }));
    store.addProbe(probe("eth0", "8.8.8.8", t - 10, { rtt_ms: 30 }));
  }
  store.close();
  return path;
}

const DB = makeStore();

async function run(...args: string[]): Promise<string> {
  let out = "";
  const program = new Command().exitOverride();
  const write = (s: string) => {
    out += s;
  };
  registerEvents(program, write);
  registerIncidents(program, write);
  registerTimeline(program, write);
  await program.parseAsync(["node", "linkguard", ...args]);
  return out;
}

test("events prints a table in local time, oldest first", async () => {
  const out = await run("events", "--db", DB, "--since", "1h");
  const lines = out.trimEnd().split("\n");
  assert.match(lines[0] ?? "", /^TIME\s+SEVERITY\s+KIND\s+SUBJECT\s+INCIDENT\s+DETAIL$/);
  assert.equal(lines.length, 4);
  assert.match(
    lines[1] ?? "",
    /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\s+critical\s+probe-loss\s+eth0>10\.0\.80\.11\s+#3/,
  );
});

test("events filters by --interface and --kind, and prints JSON or CSV", async () => {
  const json = JSON.parse(await run("events", "--db", DB, "--interface", "eth0", "--json"));
  assert.deepEqual(
    json.map((e: { kind: string }) => e.kind),
    ["probe-loss", "link-down"],
  );
  const csv = await run("events", "--db", DB, "--kind", "link-up", "--csv");
  const [header, row, end] = csv.split("\n");
  assert.equal(header, "date,id,kind,severity,subject,if,incident,detail,host,data");
  assert.match(row ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d,3,link-up,/);
  assert.equal(end, "");
  await assert.rejects(
    run("events", "--db", DB, "--kind", "link-dwon"),
    /unknown event kind link-dwon/,
  );
});

test("incidents lists incidents; incidents show tells one with its events and captures", async () => {
  const list = await run("incidents", "--db", DB);
  assert.match(list, /^ID\s+OPENED\s+CLOSED\s+LASTED/);
  assert.match(list, /\n\s*3\s+\S+ \S+\s+open\s+\S+\+\s+critical\s+2\s+eth0\s+eth0 lost carrier/);
  const show = await run("incidents", "show", "3", "--db", DB);
  assert.match(show, /^incident #3: eth0 lost carrier after its probes failed\n/);
  assert.match(show, /probes via eth0 failed 4\.8 s before its carrier dropped/);
  assert.match(show, /events:\nTIME.*\n.*probe-loss.*\n.*link-down/);
  assert.match(show, /captures:\n {2}\/tmp\/3-eth0\.pcap\n$/);
  const json = JSON.parse(await run("incidents", "--db", DB, "show", "3", "--json"));
  assert.deepEqual(json.incident.event_ids, [1, 2]);
  await assert.rejects(run("incidents", "show", "9", "--db", DB), /no incident 9 in /);
});

test("timeline --csv has the incident-004 columns first, then rates and rtt per target", async () => {
  const csv = await run("timeline", "--db", DB, "--interface", "eth0", "--csv");
  const lines = csv.trimEnd().split("\n");
  assert.equal(
    lines[0],
    "date,if,carr,state,age,chngs,ping_10.0.80.11,ping_8.8.8.8,rx_bps,tx_bps,rx_pps,tx_pps," +
      "rx_errors_ps,tx_errors_ps,rx_dropped_ps,tx_dropped_ps,rtt_ms_10.0.80.11,rtt_ms_8.8.8.8",
  );
  assert.equal(lines.length, 11);
  assert.match(lines[6] ?? "", /^[^,]+,eth0,0,up,100\.000,2,0,1,1000,500,10,5,0,0,0,0,,30$/);
});

test("timeline prints a table, and says so when the window is empty", async () => {
  const out = await run("timeline", "--db", DB, "--since", "5m");
  assert.match(out, /^TIME\s+IF\s+CARR\s+STATE\s+AGE\s+CHNGS\s+ping 10\.0\.80\.11/);
  assert.equal(out.trimEnd().split("\n").length, 21);
  const none = await run("timeline", "--db", DB, "--since", "2d", "--until", "1d");
  assert.match(none, /^no samples between /);
});

test("every verb says when there is no store at --db", async () => {
  for (const verb of [["events"], ["incidents"], ["timeline"], ["incidents", "show", "1"]]) {
    await assert.rejects(
      run(...verb, "--db", "/nonexistent/linkguard.db"),
      (err: Error) =>
        err.message ===
        "no store at /nonexistent/linkguard.db: is `linkguard watch` running with --db /nonexistent/linkguard.db?",
    );
  }
});

test("bad --since, --until and format flags are refused with the reason", async () => {
  await assert.rejects(run("events", "--db", DB, "--since", "15"), /did you mean 15s\?/);
  await assert.rejects(
    run("events", "--db", DB, "--since", "1h", "--until", "2h"),
    /before --since/,
  );
  await assert.rejects(run("timeline", "--db", DB, "--json", "--csv"), /one of --json and --csv/);
});
