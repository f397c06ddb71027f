// Our syslog sinks against a real rsyslogd (imudp, imtcp): its RFC 5424 parser must read back
// every header field, the structured data and the message exactly as we meant them.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { WatchEvent } from "../src/events/types.js";
import { closedPort } from "../src/runtime/sinks/local-receivers.js";
import { createSyslogSink } from "../src/runtime/sinks/syslog.js";
import { needs } from "./support/requires.js";

/** One line per message as rsyslog parsed it (property names from rsyslog's docs). */
const TEMPLATE = `template(name="fields" type="list" option.jsonf="on") {
  property(outname="input" name="inputname" format="jsonf")
  property(outname="facility" name="syslogfacility-text" format="jsonf")
  property(outname="severity" name="syslogseverity-text" format="jsonf")
  property(outname="timestamp" name="timereported" dateFormat="rfc3339" format="jsonf")
  property(outname="hostname" name="hostname" format="jsonf")
  property(outname="app" name="app-name" format="jsonf")
  property(outname="procid" name="procid" format="jsonf")
  property(outname="msgid" name="msgid" format="jsonf")
  property(outname="sd" name="structured-data" format="jsonf")
  property(outname="msg" name="msg" format="jsonf")
}`;

interface Parsed {
  input: string;
  facility: string;
  severity: string;
  timestamp: string;
  hostname: string;
  app: string;
  procid: string;
  msgid: string;
  sd: string;
  msg: string;
}

async function freeUdpPort(): Promise<number> {
  const s = createSocket("udp4");
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => T | undefined | Promise<T | undefined>,
) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

describe("syslog sinks against rsyslogd", { skip: needs({ tools: ["rsyslogd"] }) }, () => {
  let dir = "";
  let out = "";
  let udpPort = 0;
  let tcpPort = 0;
  let rsyslogd: ChildProcess | undefined;
  let stderr = "";

  const parsedLines = (): Parsed[] => {
    let text = "";
    try {
      text = readFileSync(out, "utf8");
    } catch {}
    return text
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as Parsed);
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "linkguard-rsyslog-"));
    mkdirSync(join(dir, "work"));
    out = join(dir, "parsed.jsonl");
    [udpPort, tcpPort] = [await freeUdpPort(), await closedPort()];
    const conf = join(dir, "rsyslog.conf");
    writeFileSync(
      conf,
      [
        `global(workDirectory="${join(dir, "work")}")`,
        'module(load="imudp")',
        'module(load="imtcp")',
        `input(type="imudp" address="127.0.0.1" port="${udpPort}")`,
        `input(type="imtcp" address="127.0.0.1" port="${tcpPort}")`,
        TEMPLATE,
        `action(type="omfile" file="${out}" template="fields")`,
        `action(type="omfile" file="${join(dir, "raw.log")}" template="RSYSLOG_SyslogProtocol23Format")`,
        "",
      ].join("\n"),
    );
    rsyslogd = spawn("rsyslogd", ["-f", conf, "-i", join(dir, "rsyslogd.pid"), "-n"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    rsyslogd.stderr?.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = () => (rsyslogd?.exitCode ?? rsyslogd?.signalCode) != null;
    // Ready when the TCP port takes connections and a UDP probe reaches the file.
    await until("imtcp to listen", 10_000, async () => {
      if (exited()) throw new Error(`rsyslogd exited: ${stderr}`);
      return new Promise<true | undefined>((resolve) => {
        const c = connect(tcpPort, "127.0.0.1", () => {
          c.destroy();
          resolve(true);
        });
        c.on("error", () => resolve(undefined));
      });
    });
    const probe = createSocket("udp4");
    try {
      await until("imudp to log a probe", 10_000, () => {
        probe.send("<30>1 - probe - - probe - ready", udpPort, "127.0.0.1");
        return parsedLines().some((p) => p.msgid === "probe") || undefined;
      });
    } finally {
      probe.close();
    }
  });

  after(async () => {
    const child = rsyslogd;
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once("exit", r));
      process.kill(child.pid, "SIGTERM"); // this child only, by its pid
      const t = setTimeout(
        () => child.pid !== undefined && process.kill(child.pid, "SIGKILL"),
        5000,
      );
      await gone;
      clearTimeout(t);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const T = Date.UTC(2024, 4, 17, 8, 30, 5, 42);
  const events = (host: string): WatchEvent[] => [
    {
      t_ms: T,
      kind: "link-down",
      subject: "eth0",
      severity: "critical",
      detail: "eth0 lost carrier; bond0 now on eth1",
      ifname: "eth0",
      incident_id: 12,
      host,
    },
    {
      t_ms: T + 1,
      kind: "probe-loss",
      subject: 'eth1>10.0.0.1 "gw] \\ x',
      severity: "warning",
      detail: "3 of 5 probes to 10.0.0.1 lost — Verlust über eth1",
      ifname: "eth1",
      host,
    },
    {
      t_ms: T + 2,
      kind: "watcher-started",
      subject: "watcher",
      severity: "info",
      detail: "",
      host,
    },
  ];

  for (const protocol of ["udp", "tcp"] as const) {
    test(`rsyslogd reads every field of our ${protocol.toUpperCase()} messages`, async () => {
      const host = `lg-${protocol}-host`;
      const port = protocol === "udp" ? udpPort : tcpPort;
      const sink = createSyslogSink({ host: "127.0.0.1", port, protocol, facility: "local3" });
      try {
        for (const e of events(host)) sink.write(e);
        await sink.flush(5000);
        const got = await until("3 messages in rsyslog's file", 10_000, () => {
          const mine = parsedLines().filter((p) => p.hostname === host);
          return mine.length >= 3 ? mine : undefined;
        });
        const common = { input: `im${protocol}`, facility: "local3", hostname: host };
        const pid = String(process.pid);
        assert.deepEqual(got, [
          {
            ...common,
            severity: "crit",
            timestamp: "2024-05-17T08:30:05.042Z",
            app: "linkguard",
            procid: pid,
            msgid: "link-down",
            sd: '[linkguard@32473 subject="eth0" ifname="eth0" incident="12"]',
            msg: "eth0 lost carrier; bond0 now on eth1",
          },
          {
            ...common,
            severity: "warning",
            timestamp: "2024-05-17T08:30:05.043Z",
            app: "linkguard",
            procid: pid,
            msgid: "probe-loss",
            sd: '[linkguard@32473 subject="eth1>10.0.0.1 \\"gw\\] \\\\ x" ifname="eth1"]',
            msg: "3 of 5 probes to 10.0.0.1 lost — Verlust über eth1",
          },
          {
            ...common,
            severity: "info",
            timestamp: "2024-05-17T08:30:05.044Z",
            app: "linkguard",
            procid: pid,
            msgid: "watcher-started",
            sd: '[linkguard@32473 subject="watcher"]',
            msg: "",
          },
        ]);
      } finally {
        await sink.close();
      }
    });
  }

  test("rsyslogd receives a burst of 2000 TCP frames whole and in order", async () => {
    const host = "lg-burst-host";
    const sink = createSyslogSink({
      host: "127.0.0.1",
      port: tcpPort,
      protocol: "tcp",
      capacity: 5000,
    });
    try {
      for (let i = 0; i < 2000; i++) {
        sink.write({
          t_ms: T,
          kind: "rtt-spike",
          subject: `eth${i}`,
          severity: "info",
          detail: `n=${i}`,
          host,
        });
      }
      await sink.flush(10_000);
      const got = await until("2000 messages", 15_000, () => {
        const mine = parsedLines().filter((p) => p.hostname === host);
        return mine.length >= 2000 ? mine : undefined;
      });
      assert.deepEqual(
        got.map((p) => p.msg),
        Array.from({ length: 2000 }, (_, i) => `n=${i}`),
      );
      assert.deepEqual(sink.stats(), { sent: 2000, queued: 0, dropped: 0, failed: 0 });
    } finally {
      await sink.close();
    }
  });
});
