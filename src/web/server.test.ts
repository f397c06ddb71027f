// The dashboard's API through app.request() (no port) over an in-memory SQLite store written by
// the store's writers: each route's shape and content, bucketing, raw vs minute roll-ups, bad
// input, captures and the page's assets. The doctor reads fixture hosts, never this machine.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { arpFrame } from "../../test/pcap-frames.js";
import { REPO_ROOT } from "../../test/support/paths.js";
import {
  event,
  incident,
  probe,
  rates,
  sample,
  tempDbPath,
} from "../../test/support/store-data.js";
import { getJson, memoryStore, testApp } from "../../test/support/web-server.js";
import { writePcap } from "../pcap/write.js";
import { addDoctorReport } from "../store/doctor-reports.js";
import type {
  EventsResponse,
  HealthResponse,
  IncidentDetailResponse,
  IncidentsResponse,
  InfoResponse,
  SeriesResponse,
} from "./api.js";

const NOW = Date.now();
const MIN = 60_000;
/** Ten minutes of 1 s samples ending a minute ago, aligned to the minute. */
const T0 = Math.floor((NOW - 11 * MIN) / MIN) * MIN;

/** A temporary folder for the captures and the mpath status file, removed after the tests. */
const workDir = dirname(tempDbPath());
const captureDir = join(workDir, "captures");
const pcapName = "incident-1-eth0.pcap";

function rxAt(i: number): number {
  return 1000 + (i % 7) * 100;
}

const store = memoryStore((s) => {
  for (let i = 0; i < 600; i++) {
    const t = T0 + i * 1000;
    s.addSample(sample("eth0", t), rates({ rx_bps: rxAt(i), tx_bps: 10 }));
    // eth1: carrier drops for 3 s in the third minute, then comes back (a flap).
    const down = i >= 130 && i < 133;
    s.addSample(
      sample("eth1", t, { carrier: !down, carrier_changes: i < 130 ? 4 : i < 133 ? 5 : 6 }),
      rates(),
    );
    s.addProbe(probe("eth0", "10.0.0.1", t, { ok: i % 4 !== 0, rtt_ms: i % 4 !== 0 ? 2 : null }));
  }
  s.addEvent(event(T0 + 130_000, { id: 1, kind: "link-down", subject: "eth1", ifname: "eth1" }));
  s.addEvent(
    event(T0 + 133_000, {
      id: 2,
      kind: "link-up",
      subject: "eth1",
      ifname: "eth1",
      severity: "info",
    }),
  );
  s.addEvent(
    event(T0 + 200_000, { id: 3, kind: "probe-loss", subject: "eth0>10.0.0.1", ifname: "eth0" }),
  );
  s.upsertIncident(
    incident(1, {
      opened_ms: T0 + 130_000,
      closed_ms: T0 + 170_000,
      subjects: ["eth1"],
      event_ids: [1, 2],
      captures: [join(captureDir, pcapName), join(captureDir, "incident-1-gone.pcap")],
    }),
  );
  s.upsertIncident(
    incident(2, { opened_ms: T0 + 200_000, subjects: ["eth0>10.0.0.1"], event_ids: [3] }),
  );
  // Three days of minute roll-ups for eth0, the older part of its history.
  const insert = s.db.prepare(
    `INSERT INTO rollups_1m (minute_ms, ifname, samples, carrier_down_s, carrier, carrier_changes, rx_bps_avg, tx_bps_avg, rx_pps_avg, tx_pps_avg)
     VALUES (?, 'eth0', ?, ?, ?, ?, ?, 0, 0, 0)`,
  );
  for (let m = 3 * 1440; m >= 1; m--) {
    const minute = T0 - m * MIN;
    // minute index parity: samples 60 at rate 100, or 20 at rate 400 (the weighted mean shows).
    const even = m % 2 === 0;
    const flap = m === 100;
    insert.run(minute, even ? 60 : 20, flap ? 12 : 0, 1, flap ? 9 : 8, even ? 100 : 400);
  }
  addDoctorReport(s.db, {
    t_ms: T0 + 120_000,
    status: "warning",
    report: {
      findings: [
        {
          rule: "bond-slave-down",
          severity: "warning",
          subject: "bond0",
          title: "t",
          explanation: "e",
          evidence: [],
          fix: [],
        },
      ],
      unseen: [],
    },
  });
});
mkdirSync(captureDir, { recursive: true });
const pcapBytes = writePcap([
  {
    ts: T0 / 1000 + 130,
    data: arpFrame({
      op: "request",
      senderMac: "02:00:00:00:00:01",
      senderIp: "10.0.0.2",
      targetIp: "10.0.0.1",
    }),
  },
]);
writeFileSync(join(captureDir, pcapName), pcapBytes);
writeFileSync(join(captureDir, "not-recorded.pcap"), pcapBytes);

const server = testApp({ store, captureDir });

describe("GET /api/info", () => {
  test("names the host, the store, its interfaces and its time range", async () => {
    const { status, body, headers } = await getJson<InfoResponse>(server, "/api/info");
    assert.equal(status, 200);
    assert.equal(headers.get("cache-control"), "no-store");
    assert.equal(body.host, "web01");
    assert.equal(body.store, ":memory:");
    assert.deepEqual(body.interfaces, ["eth0", "eth1"]);
    assert.equal(body.first_ms, T0 - 3 * 1440 * MIN);
    assert.equal(body.last_ms, T0 + 599_000);
  });
});

describe("GET /api/series", () => {
  test("a small recent window is read raw and averaged per bucket", async () => {
    const from = T0;
    const to = T0 + 600_000;
    const { body } = await getJson<SeriesResponse>(
      server,
      `/api/series?from=${from}&to=${to}&points=10&ifname=eth0`,
    );
    assert.equal(body.source, "raw");
    assert.equal(body.step_ms, 60_000);
    const eth0 = body.interfaces.find((s) => s.ifname === "eth0");
    assert.ok(eth0);
    assert.equal(body.interfaces.length, 1, "the ifname filter keeps only eth0");
    assert.equal(eth0.t.length, 10);
    for (let b = 0; b < 10; b++) {
      let sum = 0;
      for (let i = b * 60; i < b * 60 + 60; i++) sum += rxAt(i);
      assert.equal(eth0.t[b], T0 + b * 60_000);
      assert.ok(Math.abs((eth0.rx_bps[b] as number) - sum / 60) < 1e-9, `bucket ${b}`);
      assert.equal(eth0.link[b], 1);
    }
  });

  test("a bucket in which the carrier changed is drawn as 0.5", async () => {
    const { body } = await getJson<SeriesResponse>(
      server,
      `/api/series?from=${T0}&to=${T0 + 600_000}&points=10&ifname=eth1`,
    );
    const eth1 = body.interfaces[0];
    assert.equal(eth1?.ifname, "eth1");
    assert.deepEqual(eth1.link, [1, 1, 0.5, 1, 1, 1, 1, 1, 1, 1]);
  });

  test("probe loss is lost/sent and RTT the mean of answered probes, per bucket", async () => {
    const { body } = await getJson<SeriesResponse>(
      server,
      `/api/series?from=${T0}&to=${T0 + 600_000}&points=10`,
    );
    const p = body.probes.find((x) => x.ifname === "eth0" && x.target === "10.0.0.1");
    assert.ok(p);
    assert.equal(p.kind, "icmp");
    assert.deepEqual(p.loss, Array(10).fill(0.25));
    assert.deepEqual(p.rtt_ms, Array(10).fill(2));
  });

  test("a long window is read from minute roll-ups, averages weighted by samples", async () => {
    const from = T0 - 2 * 1440 * MIN;
    const to = T0;
    const { body } = await getJson<SeriesResponse>(
      server,
      `/api/series?from=${from}&to=${to}&points=720&ifname=eth0`,
    );
    assert.equal(body.source, "1m");
    assert.equal(body.step_ms, 4 * MIN);
    const eth0 = body.interfaces[0];
    assert.ok(eth0);
    assert.equal(eth0.t.length, 720);
    assert.equal(eth0.t[0], from);
    // Two even and two odd minutes per 4-minute bucket: (2*60*100 + 2*20*400) / 160 = 175.
    assert.ok(
      eth0.rx_bps.every((v) => v === 175),
      JSON.stringify(eth0.rx_bps.slice(0, 5)),
    );
    const flapBucket = from + Math.floor((T0 - 100 * MIN - from) / (4 * MIN)) * 4 * MIN;
    assert.equal(eth0.link[eth0.t.indexOf(flapBucket)], 0.5);
    assert.equal(eth0.link.filter((l) => l === 0.5).length, 1);
  });

  test("no series has more points than asked for", async () => {
    const { body } = await getJson<SeriesResponse>(
      server,
      `/api/series?from=${T0}&to=${T0 + 600_000}&points=7`,
    );
    for (const s of body.interfaces) assert.ok(s.t.length <= 7, `${s.ifname}: ${s.t.length}`);
  });

  for (const [query, message] of [
    ["from=yesterday", /from: expected a whole number/],
    ["points=0", /points: expected 2\.\.5000/],
    ["points=99999", /points: expected 2\.\.5000/],
    ["ifname=..%2Fetc", /not an interface name/],
    ["ifname=averyveryverylongname", /not an interface name/],
    [`from=${T0}&to=${T0 - 1}`, /must be before to/],
  ] as const) {
    test(`a bad parameter (${query}) is a 400 that says what is wrong`, async () => {
      const { status, body } = await getJson<{ error: string }>(server, `/api/series?${query}`);
      assert.equal(status, 400);
      assert.match(body.error, message);
    });
  }
});

describe("GET /api/events and /api/incidents", () => {
  test("events come oldest first with their class, filtered by interface and cut by limit", async () => {
    const w = `from=${T0}&to=${T0 + 600_000}`;
    const all = (await getJson<EventsResponse>(server, `/api/events?${w}`)).body;
    assert.deepEqual(
      all.events.map((e) => [e.id, e.class]),
      [
        [1, "failure"],
        [2, "recovery"],
        [3, "failure"],
      ],
    );
    assert.equal(all.events[0]?.incident_id, 1);
    assert.equal(all.truncated, false);
    const eth1 = (await getJson<EventsResponse>(server, `/api/events?${w}&ifname=eth1`)).body;
    assert.deepEqual(
      eth1.events.map((e) => e.id),
      [1, 2],
    );
    const cut = (await getJson<EventsResponse>(server, `/api/events?${w}&limit=2`)).body;
    assert.deepEqual(
      cut.events.map((e) => e.id),
      [2, 3],
    );
    assert.equal(cut.truncated, true);
    assert.equal((await getJson(server, `/api/events?limit=-3`)).status, 400);
  });

  test("incidents come newest first with capture names, not paths", async () => {
    const { body } = await getJson<IncidentsResponse>(
      server,
      `/api/incidents?from=${T0}&to=${NOW}`,
    );
    assert.deepEqual(
      body.incidents.map((i) => i.id),
      [2, 1],
    );
    assert.deepEqual(body.incidents[1]?.captures, [pcapName, "incident-1-gone.pcap"]);
  });

  test("an incident's detail has its events, what it touched, captures analysed and the doctor's report", async () => {
    const { status, body } = await getJson<IncidentDetailResponse>(server, "/api/incidents/1");
    assert.equal(status, 200);
    assert.deepEqual(
      body.events.map((e) => e.kind),
      ["link-down", "link-up"],
    );
    assert.deepEqual(body.affected, ["eth1"]);
    const [present, gone] = body.captures;
    assert.equal(present?.bytes, pcapBytes.length);
    assert.equal(present?.url, `/api/captures/${pcapName}`);
    assert.equal(present?.analysis_error, null);
    assert.ok(present?.analysis && "summary" in present.analysis, JSON.stringify(present));
    assert.equal(gone?.bytes, null);
    assert.equal(body.doctor?.status, "warning");
    assert.equal(body.doctor?.findings[0]?.rule, "bond-slave-down");
  });

  test("an unknown incident is a 404 and a bad id a 400", async () => {
    assert.equal((await getJson(server, "/api/incidents/99")).status, 404);
    assert.equal((await getJson(server, "/api/incidents/abc")).status, 400);
  });
});

describe("GET /api/captures/:name", () => {
  test("a recorded capture downloads as an attachment", async () => {
    const res = await server.fetch(`/api/captures/${pcapName}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/vnd.tcpdump.pcap");
    assert.equal(res.headers.get("content-disposition"), `attachment; filename="${pcapName}"`);
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), pcapBytes);
  });

  for (const path of [
    "/api/captures/not-recorded.pcap",
    "/api/captures/incident-1-gone.pcap",
    "/api/captures/..%2F..%2Fetc%2Fpasswd",
    "/api/captures/%2Fetc%2Fpasswd",
    "/api/captures/.hidden",
    "/api/captures/..",
  ]) {
    test(`${path} is refused`, async () => {
      const res = await server.fetch(path);
      assert.ok(res.status === 400 || res.status === 404, `${path}: ${res.status}`);
      assert.notEqual(res.headers.get("content-type"), "application/vnd.tcpdump.pcap");
    });
  }
});

describe("the page and its assets", () => {
  for (const [path, type] of [
    ["/", "text/html"],
    ["/index.html", "text/html"],
    ["/assets/app.css", "text/css"],
    ["/assets/page/main.js", "text/javascript"],
    ["/assets/uplot/uPlot.esm.js", "text/javascript"],
    ["/assets/uplot/uPlot.min.css", "text/css"],
  ] as const) {
    test(`${path} is served as ${type}, with an ETag`, async () => {
      const res = await server.fetch(path);
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", new RegExp(`^${type}`));
      const etag = res.headers.get("etag");
      assert.ok(etag);
      assert.ok((await res.arrayBuffer()).byteLength > 0);
      const again = await server.fetch(path, { headers: { "if-none-match": etag } });
      assert.equal(again.status, 304);
    });
  }

  for (const path of [
    "/assets/page/..%2F..%2Fpackage.json",
    "/assets/page/main.ts",
    "/assets/uplot/uPlot.cjs.js",
    "/assets/../package.json",
  ]) {
    test(`${path} is not served`, async () => {
      const res = await server.fetch(path);
      assert.equal(res.status, 404);
    });
  }
  test("REPO_ROOT is where the server finds them", () => assert.ok(REPO_ROOT.length > 0));
});

describe("GET /api/health", () => {
  test("groups bonds from the doctor's root, the watched interfaces and mpath groups", async () => {
    const mpathFile = join(workDir, "mpath.json");
    writeFileSync(
      mpathFile,
      JSON.stringify({
        updated_ms: NOW,
        pid: process.pid,
        dry_run: true,
        probes: [],
        groups: [
          {
            name: "web",
            state: "degraded",
            failure_detection_ms: 10000,
            probe_interval_ms: 1428,
            targets: [],
            members: [
              { name: "eth0", state: "active", link: true, probes: "ok" },
              { name: "eth1", state: "failed", link: false, probes: "failed" },
            ],
            addresses: [{ address: "192.0.2.10", member: "eth0", home: "eth1" }],
          },
        ],
      }),
    );
    const health = testApp({
      store,
      doctorRoot: join(REPO_ROOT, "test", "fixtures", "hosts", "ab-backup-down-speed-mismatch"),
      mpathStatusFile: mpathFile,
    });
    const { status, body } = await getJson<HealthResponse>(health, "/api/health");
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.doctor_error, null);
    const bond = body.groups.find((g) => g.kind === "bond");
    assert.equal(bond?.name, "bond0");
    assert.equal(bond?.state, "degraded");
    assert.equal(bond?.members.find((m) => m.name === "eth3")?.state, "down");
    assert.ok(body.doctor?.findings.some((f) => f.rule === "bond-slave-down"));
    const mpath = body.groups.find((g) => g.kind === "mpath");
    assert.deepEqual(
      mpath?.members.map((m) => m.state),
      ["up", "down"],
    );
    const watched = body.groups.find((g) => g.kind === "interface");
    assert.equal(watched?.name, "watched interfaces");
    // eth0's latest probe (i = 599) was answered; the latest samples have carrier.
    assert.deepEqual(
      body.interfaces.map((i) => [i.ifname, i.link]),
      [
        ["eth0", "up"],
        ["eth1", "up"],
      ],
    );
    assert.equal(body.interfaces[0]?.probes[0]?.up, true);
    assert.equal(body.mpath?.pid, process.pid);
  });

  test("a sosreport's team is a health group with its unselected LACP port", async () => {
    const health = testApp({
      store: null,
      doctorRoot: join(REPO_ROOT, "test", "fixtures", "hosts", "team-lacp-port-unselected"),
    });
    const { status, body } = await getJson<HealthResponse>(health, "/api/health");
    assert.equal(status, 200, JSON.stringify(body));
    const team = body.groups.find((g) => g.kind === "team");
    assert.equal(team?.name, "team0");
    assert.equal(team?.state, "degraded");
    assert.ok(
      team?.members.some((m) => m.state === "degraded" && /not selected/.test(m.detail)),
      JSON.stringify(team?.members),
    );
    assert.ok(body.doctor?.findings.some((f) => f.rule === "team-port-down"));
  });

  test("a root the doctor cannot read is an error in the answer, not a failed request", async () => {
    const health = testApp({ store: null, doctorRoot: "/nonexistent-root" });
    const { status, body } = await getJson<HealthResponse>(health, "/api/health");
    assert.equal(status, 200);
    assert.match(body.doctor_error ?? "", /nonexistent-root/);
    assert.deepEqual(body.interfaces, []);
  });
});
