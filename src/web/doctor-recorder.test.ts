// The watcher records the doctor's report so an incident page can show the host as it was:
// at start, and again when an incident opens (not when an open one changes or closes).
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../test/support/paths.js";
import { incident, tempDbPath } from "../../test/support/store-data.js";
import { until } from "../../test/support/wait.js";
import { openStore } from "../store/store.js";
import { DoctorRecorder } from "./doctor-recorder.js";
import { runDoctor } from "./doctor-run.js";

const reports = (db: ReturnType<typeof openStore>["db"]) =>
  db.prepare("SELECT status, report FROM doctor_reports ORDER BY id").all() as {
    status: string;
    report: string;
  }[];

test("a report at start and one per incident that opens, with the doctor's findings", async () => {
  const store = openStore(tempDbPath());
  const problems: string[] = [];
  let runs = 0;
  const recorder = new DoctorRecorder(store, {
    intervalMs: 3_600_000,
    root: join(REPO_ROOT, "examples", "000-lacp-no-partner"),
    problem: (m) => problems.push(m),
    run: (root, o) => {
      runs++;
      return runDoctor(root, o);
    },
  });
  try {
    recorder.start();
    await until("the start-up report", 30_000, () => (recorder.written >= 1 ? true : undefined));

    recorder.incident(incident(1, { closed_ms: null }));
    await until("the incident's report", 30_000, () => (recorder.written >= 2 ? true : undefined));
    recorder.incident(incident(1, { closed_ms: null, title: "changed" }));
    recorder.incident(incident(1, { closed_ms: Date.now() }));
    // A run starts (and is counted) within incident(), so none started means none will finish.
    assert.equal(runs, 2, "updates and the close of incident 1 start no doctor run");
    assert.equal(recorder.written, 2);

    const rows = reports(store.db);
    assert.equal(rows.length, 2);
    assert.equal(rows[1]?.status, "critical");
    assert.match(rows[1]?.report ?? "", /lacp-no-partner/);
    assert.deepEqual(problems, []);
  } finally {
    recorder.stop();
    store.close();
  }
});

test("the recorded report keeps where each member was cabled (LLDP/CDP) at that moment", async () => {
  const store = openStore(tempDbPath());
  const recorder = new DoctorRecorder(store, {
    intervalMs: 3_600_000,
    root: join(REPO_ROOT, "test/fixtures/hosts/8023ad-two-switches-no-mlag"),
    problem: () => {},
  });
  try {
    recorder.start();
    await until("the start-up report", 30_000, () => (recorder.written >= 1 ? true : undefined));
    const report = JSON.parse(reports(store.db)[0]?.report ?? "{}") as {
      neighbours?: { interface: string; switch: string; port_id: string }[];
    };
    assert.deepEqual(
      report.neighbours?.map((n) => `${n.interface} ${n.switch} ${n.port_id}`),
      ["eno1 sw-a Ethernet1/5", "eno2 sw-b Ethernet1/5"],
    );
  } finally {
    recorder.stop();
    store.close();
  }
});
