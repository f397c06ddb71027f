import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { ParseError } from "../model.js";
import type { CommandSource } from "./commands.js";
import { readNeighbours, WATCH_NEIGHBOURS_FILE } from "./read-neighbours.js";
import { openRootFs } from "./root-fs.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-read-neighbours-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const LLDPCTL = [
  "Interface:    eno1, via: LLDP, RID: 1, Time: 0 day, 00:01:00",
  "  Chassis:",
  "    SysName:      from-lldpd",
  "Interface:    eno2, via: LLDP, RID: 2, Time: 0 day, 00:01:00",
  "  Chassis:",
  "    SysName:      from-lldpd",
  "",
].join("\n");
const watched = (ifname: string, heardMs: number) =>
  `${JSON.stringify({ ifname, protocol: "lldp", systemName: "from-watcher", ttl: 120, heardMs })}\n`;

function spy(text: string): CommandSource & { ran: string[] } {
  const ran: string[] = [];
  return {
    failures: [],
    ran,
    run(cmd) {
      ran.push(cmd.argv.join(" "));
      return { text, file: `$ ${cmd.argv.join(" ")}` };
    },
  };
}

test("readNeighbours takes the watcher's table first and lldpd's for the interfaces it lacks", () => {
  const root = join(tmp, "both");
  mkdirSync(join(root, "run/linkguard"), { recursive: true });
  writeFileSync(join(root, WATCH_NEIGHBOURS_FILE), watched("eno1", 1_000));
  const problems: ParseError[] = [];
  const list = readNeighbours(openRootFs(root), spy(LLDPCTL), problems, false);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    list.map((n) => `${n.ifname} ${n.systemName}`),
    ["eno1 from-watcher", "eno2 from-lldpd"],
  );
});

test("live, readNeighbours asks lldpcli only when lldpd's socket is there, and drops expired entries", () => {
  const root = join(tmp, "live");
  mkdirSync(join(root, "run/linkguard"), { recursive: true });
  writeFileSync(
    join(root, WATCH_NEIGHBOURS_FILE),
    watched("eno1", 1_000) + watched("eno2", 500_000),
  );
  const commands = spy(LLDPCTL);
  const list = readNeighbours(openRootFs(root), commands, [], true, 200_000);
  assert.deepEqual(commands.ran, [], "no lldpd socket: lldpcli is not run");
  assert.deepEqual(
    list.map((n) => n.ifname),
    ["eno2"],
    "eno1's 120 s TTL ran out at 121 s",
  );
  mkdirSync(join(root, "run/lldpd"));
  writeFileSync(join(root, "run/lldpd/lldpd.socket"), "");
  readNeighbours(openRootFs(root), commands, [], true, 200_000);
  assert.deepEqual(commands.ran, ["lldpcli show neighbors details"]);
});

test("a snapshot's watcher table is read as of the snapshot's time: what had expired then is left out", () => {
  const root = join(tmp, "snap");
  mkdirSync(join(root, "run/linkguard"), { recursive: true });
  writeFileSync(
    join(root, WATCH_NEIGHBOURS_FILE),
    watched("eno1", 1_000) + watched("eno2", 500_000),
  );
  const asOfSnapshot = readNeighbours(openRootFs(root), spy(""), [], false, 200_000);
  assert.deepEqual(
    asOfSnapshot.map((n) => n.ifname),
    ["eno2"],
  );
  const sosreport = readNeighbours(openRootFs(root), spy(""), [], false);
  assert.deepEqual(
    sosreport.map((n) => n.ifname),
    ["eno1", "eno2"],
    "no time known: all kept",
  );
});
