// The shipped alert rules against real data: a real Prometheus loads
// packaging/prometheus/linkguard.rules.yml unchanged (the real for: durations) and scrapes a
// real watcher in a lab namespace; a silent drop on one member must fire LinkguardProbeLoss for
// that member, and only for it. A second test does the same for mpath's metrics. Prometheus runs in the watcher's namespace (`ip netns exec`
// execs it in place, so the child's pid is Prometheus's own) and scrapes the watcher on that
// namespace's loopback; the test reads Prometheus's API through a node process in there too.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import type { WatchEvent } from "../src/events/types.js";
import { injectFault } from "../src/lab/faults.js";
import { execIn, type Lab, labDown, labUp } from "../src/lab/lab.js";
import { DUAL_HOMED } from "../src/lab/topologies.js";
import { MPATH_METRICS_DEFAULT } from "../src/mpath/metrics.js";
import { CLI } from "./support/cli.js";
import { asPromQl, dashboard, dashboardExprs } from "./support/grafana.js";
import { withLabLock } from "./support/lab-lock.js";
import { REPO_ROOT, readRepoFile } from "./support/paths.js";
import { stopChild } from "./support/process.js";
import { needs } from "./support/requires.js";
import { sleep, until } from "./support/wait.js";
import { startWatcher } from "./support/watcher.js";

const skip = needs({
  root: true,
  tools: ["ip", "bridge", "ping", "arping", "sysctl", "prometheus"],
});

const METRICS = "127.0.0.1:9469";
const PROMETHEUS = "127.0.0.1:19090";
const RULES = join(REPO_ROOT, "packaging", "prometheus", "linkguard.rules.yml");

interface Alert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: "pending" | "firing";
}

/** The alert rule's own `for:` in seconds, read from the file Prometheus loads. */
function ruleForSeconds(alert: string): number {
  const rules = parse(readRepoFile("packaging/prometheus/linkguard.rules.yml")) as {
    groups: { rules: { alert?: string; for?: string }[] }[];
  };
  const r = rules.groups.flatMap((g) => g.rules).find((x) => x.alert === alert);
  const m = /^(\d+)(s|m)$/.exec(r?.for ?? "");
  assert.ok(m, `${alert}: for: ${r?.for} is not Ns or Nm`);
  return Number(m[1]) * (m[2] === "m" ? 60 : 1);
}

/** The example scrape job's relabelling, so the alerts carry the same host label as in a fleet. */
function exampleRelabel(job: string): unknown {
  const cfg = parse(readRepoFile("packaging/prometheus/prometheus.yml")) as {
    scrape_configs: { job_name: string; relabel_configs: unknown }[];
  };
  return cfg.scrape_configs.find((j) => j.job_name === job)?.relabel_configs;
}

/** Prometheus in the namespace: 1 s scrapes and evaluations, the shipped rules, one job. */
function startPrometheus(ns: string, dir: string, job: string, target: string): ChildProcess {
  // JSON is YAML: Prometheus reads this as its config file.
  const config = {
    global: { scrape_interval: "1s", evaluation_interval: "1s" },
    rule_files: [RULES],
    scrape_configs: [
      {
        job_name: job,
        static_configs: [{ targets: [target] }],
        relabel_configs: exampleRelabel(job),
      },
    ],
  };
  writeFileSync(join(dir, "prometheus.yml"), JSON.stringify(config, null, 2));
  return spawn(
    "ip",
    [
      "netns",
      "exec",
      ns,
      "prometheus",
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=${PROMETHEUS}`,
    ],
    { stdio: "ignore" },
  );
}

/** An instant query's result, [] while Prometheus is not up yet. */
async function query(
  ns: string,
  q: string,
): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const r = await api<{
    data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
  }>(ns, `/api/v1/query?query=${encodeURIComponent(q)}`).catch(() => undefined);
  return r?.data?.result ?? [];
}

/** GET on Prometheus's API from inside the namespace, parsed. */
async function api<T>(ns: string, path: string): Promise<T> {
  const script =
    "fetch(process.argv[1]).then(r=>r.text()).then(t=>process.stdout.write(t),e=>{console.error(String(e));process.exit(1)})";
  const text = await execIn(ns, [process.execPath, "-e", script, `http://${PROMETHEUS}${path}`]);
  return JSON.parse(text) as T;
}

/**
 * Every query of the Grafana dashboard, as Grafana sends it with "All" chosen (every value: a label that must be there), against this
 * Prometheus: each must be accepted, and those on `metrics` must return series (no panel left
 * empty by a renamed metric or label). Returns what failed, one line each.
 */
async function dashboardAgainst(ns: string, metrics: RegExp): Promise<string[]> {
  const failed: string[] = [];
  for (const { where, expr } of dashboardExprs(dashboard())) {
    const q = asPromQl(expr, ".+");
    const r = await api<{ status: string; error?: string; data?: { result: unknown[] } }>(
      ns,
      `/api/v1/query?query=${encodeURIComponent(q)}`,
    );
    if (r.status !== "success") failed.push(`${where}: ${r.error} (${q})`);
    else if (metrics.test(q) && !/\) > 0$| > 0$/.test(q) && (r.data?.result.length ?? 0) === 0)
      failed.push(`${where}: no series (${q})`);
  }
  return failed;
}

async function probeLossAlerts(ns: string): Promise<Alert[]> {
  const body = await api<{ data: { alerts: Alert[] } }>(ns, "/api/v1/alerts");
  return body.data.alerts.filter((a) => a.labels.alertname === "LinkguardProbeLoss");
}

/**
 * The dual-homed lab under the lab lock, with a temp dir; `stopLater` registers a process
 * (the watcher or daemon, then Prometheus) to be stopped, last registered first, before the
 * lab comes down, also on failure.
 */
async function inLab(
  body: (ctx: {
    dir: string;
    lab: Lab;
    ns: string;
    stopLater: (c: ChildProcess) => ChildProcess;
  }) => Promise<void>,
): Promise<void> {
  await withLabLock(async () => {
    const dir = mkdtempSync(join(tmpdir(), "linkguard-alerts-"));
    const started: ChildProcess[] = [];
    let lab: Lab | undefined;
    try {
      lab = await labUp(DUAL_HOMED);
      const stopLater = (c: ChildProcess) => {
        started.push(c);
        return c;
      };
      await body({ dir, lab, ns: lab.ns("server"), stopLater });
    } finally {
      for (const c of started.reverse()) await stopChild(c);
      if (lab) await labDown(lab.id);
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test(
  "a silent drop on eth0 fires LinkguardProbeLoss for eth0 within its for: plus a margin",
  {
    skip,
    timeout: 240_000,
  },
  (t) =>
    inLab(async ({ dir, lab, ns, stopLater }) => {
      const events: WatchEvent[] = [];
      // The --metrics given after startWatcher's own "off" wins.
      stopLater(
        await startWatcher(
          ns,
          [
            "--config",
            "/dev/null",
            "-i",
            "eth0,eth1",
            "--no-store",
            "--probe-interval",
            "100",
            "--metrics",
            METRICS,
          ],
          events,
        ),
      );
      stopLater(startPrometheus(ns, dir, "linkguard-watch", METRICS));
      // Both paths answered and scraped before the fault: a baseline with no loss.
      await until("probes of eth0 and eth1 in Prometheus", 60_000, async () =>
        (await query(ns, "linkguard_probes_sent_total > 0")).length >= 2 ? true : undefined,
      );
      await sleep(10_000);
      assert.deepEqual(await probeLossAlerts(ns), [], "probe-loss alert before any fault");

      const forS = ruleForSeconds("LinkguardProbeLoss");
      // The margin: the 1m loss ratio must first pass 20 % (at most 12 s with a full minute of
      // clean history, less with the shorter one here), plus 1 s scrapes and evaluations and
      // the time the lost probes take to be called lost.
      const marginS = 25;
      const faultAt = Date.now();
      await injectFault(lab, "server:eth0", "silent-drop");
      let pendingAt: number | undefined;
      const firing = await until(
        `LinkguardProbeLoss firing within ${forS} s + ${marginS} s`,
        (forS + marginS) * 1000,
        async () => {
          const alerts = await probeLossAlerts(ns);
          if (pendingAt === undefined && alerts.length > 0) pendingAt = Date.now();
          const f = alerts.filter((a) => a.state === "firing");
          if (f.length > 0) return f;
          await sleep(500);
          return undefined;
        },
      );
      const firedAt = Date.now();
      const eventAt = events.find((e) => e.kind === "probe-loss" && e.ifname === "eth0")?.t_ms;
      t.diagnostic(
        `LinkguardProbeLoss (for: ${forS}s): pending ${(((pendingAt ?? firedAt) - faultAt) / 1000).toFixed(1)} s and firing ${((firedAt - faultAt) / 1000).toFixed(1)} s after the silent drop; the watcher's probe-loss event came after ${eventAt === undefined ? "-" : ((eventAt - faultAt) / 1000).toFixed(2)} s`,
      );
      assert.ok(firedAt - faultAt >= forS * 1000, "fired before its for: had passed");
      assert.deepEqual(
        firing.map((a) => a.labels.interface),
        ["eth0"],
        "only the dropped member alerts",
      );
      const a = firing[0] as Alert;
      assert.equal(a.labels.target, "10.77.0.1");
      assert.equal(a.labels.severity, "warning");
      assert.equal(a.labels.host, "127.0.0.1", "the example's relabelling gives host");
      assert.match(
        a.annotations.summary ?? "",
        /^127\.0\.0\.1: probes via eth0 to 10\.77\.0\.1 lose/,
      );
      // The fleet dashboard's watcher panels show this watcher (bond and mpath panels are
      // empty here: the lab server has neither).
      assert.deepEqual(
        await dashboardAgainst(ns, /linkguard_(link|interface|probe|incidents|events|watcher)_/),
        [],
      );
    }),
);

test(
  "mpath metrics through a real Prometheus: a cut member reads degraded, one failover",
  {
    skip,
    timeout: 120_000,
  },
  () =>
    inLab(async ({ dir, lab, ns, stopLater }) => {
      const config = join(dir, "linkguard.yaml");
      writeFileSync(
        config,
        `mpath:\n  status_file: ${join(dir, "mpath.json")}\n  groups:\n    - name: web\n      members: [eth0, eth1]\n      data_addresses: { eth0: [10.77.0.50/24] }\n      failure_detection_ms: 1000\n      targets: [10.77.0.1]\n      auto_targets: false\n      link_up_grace_ms: 0\n      announce_count: 1\n`,
      );
      stopLater(
        spawn(
          "ip",
          ["netns", "exec", ns, process.execPath, CLI, "mpath", "run", "--config", config],
          { stdio: "ignore" },
        ),
      );
      stopLater(startPrometheus(ns, dir, "linkguard-mpath", MPATH_METRICS_DEFAULT));
      const state = async () =>
        (await query(ns, 'linkguard_mpath_group_state{group="web"}'))[0]?.value[1];
      await until("group web ok in Prometheus", 60_000, async () =>
        (await state()) === "0" ? true : undefined,
      );
      await injectFault(lab, "server:eth0", "cut");
      await until("group web degraded (1) in Prometheus", 20_000, async () =>
        (await state()) === "1" ? true : undefined,
      );
      const member = await query(ns, 'linkguard_mpath_member_up{group="web",member="eth0"}');
      assert.equal(member[0]?.value[1], "0", "eth0 reads down");
      assert.equal(member[0]?.metric.host, "127.0.0.1", "the example's relabelling gives host");
      // A move counts once its read-back shows the address on eth1: a scrape or two after
      // the group reads degraded.
      await until("one data address moved (failovers_total 1) in Prometheus", 10_000, async () =>
        (await query(ns, 'linkguard_mpath_failovers_total{group="web"}'))[0]?.value[1] === "1"
          ? true
          : undefined,
      );
      // The degraded alert starts its for: (1m) at once; this test does not wait it out.
      const pending = await until("LinkguardMpathGroupDegraded pending", 10_000, async () => {
        const body = await api<{ data: { alerts: Alert[] } }>(ns, "/api/v1/alerts");
        return body.data.alerts.find((a) => a.labels.alertname === "LinkguardMpathGroupDegraded");
      });
      assert.equal(pending.labels.group, "web");
      assert.deepEqual(await dashboardAgainst(ns, /linkguard_mpath_/), []);
    }),
);
