import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { readHost } from "./read-host.js";

function host(files: Record<string, string>): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "lg-routing-"));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test("routing daemons are read from sos's ps auxwww, from ps -e -o comm=, and from their config files", () => {
  const sos = host({
    "sos_commands/process/ps_auxwww":
      "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\nbird         901  0.0  0.0  11540  4100 ?        Ss   Dec01   0:03 /usr/sbin/bird -f -u bird -g bird\n",
  });
  const snap = host({ "sos_commands/process/ps_-e_-o_comm=": "systemd\nzebra\n" });
  const conf = host({ "etc/bird/bird.conf": "# BIRD\nrouter id 192.0.2.1;\n" });
  try {
    const seen = (dir: string) =>
      readHost(dir, { live: false }).routingDaemons.map((d) => [d.suite, d.kind, d.source.file]);
    assert.deepEqual(seen(sos.dir), [["BIRD", "process", "sos_commands/process/ps_auxwww"]]);
    assert.deepEqual(seen(snap.dir), [
      ["FRR/Quagga", "process", "sos_commands/process/ps_-e_-o_comm="],
    ]);
    assert.deepEqual(seen(conf.dir), [["BIRD", "config", "etc/bird/bird.conf"]]);
  } finally {
    for (const h of [sos, snap, conf]) h.done();
  }
});
