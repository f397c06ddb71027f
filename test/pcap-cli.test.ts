// The pcap subcommands' text output on real captures, and their help.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { runPcap } from "./pcap-cli.js";
import { CORPUS } from "./support/paths.js";

const capture = (name: string) => join(CORPUS, "pcap", name);

test("pcap --help lists the five analyses", () => {
  const r = runPcap(["--help"]);
  assert.equal(r.code, 0);
  for (const sub of ["summary", "lacp", "arp", "storms", "neighbors"])
    assert.match(r.stdout, new RegExp(`\\b${sub}\\b`));
});

test("pcap neighbors names the switches and ports of a Catalyst 3560 pair (LLDP and CDP)", () => {
  const r = runPcap(["neighbors", capture("lldp-and-cdp-cisco-3560.pcap")]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /LLDP from 00:19:2f:a7:b2:8d: S2\.cisco\.com, port Uplink to S1 \(GigabitEthernet0\/13\)/,
  );
  assert.match(r.stdout, /CDP from 00:18:ba:98:68:8f: S1, port FastEthernet0\/13/);
  assert.match(r.stdout, /vlan 1/);
});

test("pcap summary text: time span, ethertypes, protocols, talkers and the analyses' headlines", () => {
  const r = runPcap(["summary", capture("vrrp-v2-v3-advertisements.pcap")]);
  assert.equal(r.code, 0, r.stderr);
  for (const line of [
    /^time: /m,
    /0x0800\s+ipv4\s+101/,
    /0x86dd\s+ipv6\s+64/,
    /vrrp 165/,
    /top IPs \(source\):/,
    /^lacp: /m,
    /^storms:\s+none/m,
    /^errors:\s+none/m,
  ]) {
    assert.match(r.stdout, line);
  }
});

test("pcap arp text on a Linux cooked capture: the gratuitous ARP and the request nobody answered", () => {
  const r = runPcap(["arp", capture("arp-linux-sll-gratuitous-and-unanswered.pcap")]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /192\.168\.22\.81\s+is-at\s+\S+\s+arp-request/);
  assert.match(r.stdout, /10\.1\.10\.1\s+arp\s+\d+ requests/);
});

test("pcap lacp --timeline lists every PDU with its states", () => {
  const r = runPcap(["lacp", capture("lacp-partner-expired-then-defaulted.pcap"), "--timeline"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /#4 .* actor activity,aggregation,synchronization,defaulted\s+partner none none/,
  );
  assert.match(
    r.stdout,
    /partner changed from 00:0e:83:16:f5:00 key 13 port 25 to none at frame 4/,
  );
});

test("pcap storms with thresholds from the command line", () => {
  const r = runPcap([
    "storms",
    capture("vrrp-v2-v3-advertisements.pcap"),
    "--min-pps",
    "1",
    "--factor",
    "1.5",
    "--json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.threshold_pps, Math.max(1, 1.5 * report.baseline_pps));
  const bad = runPcap(["storms", capture("vrrp-v2-v3-advertisements.pcap"), "--min-pps", "-3"]);
  assert.notEqual(bad.code, 0);
});

test("pcap on a directory or on a file that is no capture exits 3 with one error line, no report", () => {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-pcap-cli-"));
  try {
    const text = join(dir, "notes.txt");
    writeFileSync(text, "this is not a capture\n");
    const empty = join(dir, "empty.pcap");
    writeFileSync(empty, "");
    for (const [file, why] of [
      [dir, /is a directory/],
      [text, /not a pcap or pcapng capture: not a pcap or pcapng file \(magic 0x74686973\)/],
      [empty, /not a pcap or pcapng capture: empty capture/],
    ] as const) {
      for (const json of [[], ["--json"]]) {
        const r = runPcap(["summary", file, ...json]);
        assert.equal(r.code, 3, `${file} ${json}: ${r.stderr}`);
        assert.equal(r.stdout, "", `${file} ${json}: no report`);
        const lines = r.stderr.split("\n").filter((l) => l !== "");
        assert.equal(lines.length, 1, `${file} ${json}: one error line, got ${r.stderr}`);
        assert.match(lines[0] as string, /^linkguard: pcap: /);
        assert.match(lines[0] as string, why);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
