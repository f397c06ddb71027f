// Bad input never crashes the doctor: every corpus file, truncated at many offsets, with
// flipped bytes, NULs or replaced by junk, placed where the reader looks for it.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { diagnose } from "../src/doctor/engine.js";
import { readHost } from "../src/host/read/read-host.js";
import { CORPUS, listFiles } from "./support/paths.js";

/** Where a corpus file goes in a host root, or undefined when the reader never reads it. */
export function placement(rel: string): string | undefined {
  const base = rel.split("/").pop() as string;
  if (rel.startsWith("proc-net-bonding/")) return "proc/net/bonding/bond0";
  if (rel.startsWith("config/ifcfg/"))
    return `etc/sysconfig/network-scripts/${base.replace(/\.cexpected$/, "")}`;
  if (rel.startsWith("config/networkmanager/"))
    return `etc/NetworkManager/system-connections/${base}`;
  if (rel.startsWith("config/netplan/") || rel.startsWith("config/cloud-init/"))
    return `etc/netplan/${base}`;
  if (rel.startsWith("config/networkd/")) return `etc/systemd/network/${base}`;
  if (rel.startsWith("config/ifupdown/")) return "etc/network/interfaces";
  if (rel.startsWith("config/solaris/") && base.startsWith("hostname")) return `etc/${base}`;
  if (rel.startsWith("ipmp/") && rel.includes("ifconfig"))
    return "sos_commands/networking/ifconfig_-a";
  if (rel.startsWith("teamd/state-dump")) return "sos_commands/teamd/teamdctl_team0_state_dump";
  if (rel.startsWith("sysfs/") && rel.includes("/sys/class/net/"))
    return rel.slice(rel.indexOf("sys/class/net/"));
  return undefined;
}

/** Deterministic PRNG (mulberry32) so a failing mutation can be reproduced. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function mutations(data: Buffer, seed: number): Array<[string, Buffer]> {
  const rand = prng(seed);
  const out: Array<[string, Buffer]> = [["empty", Buffer.alloc(0)]];
  for (let i = 1; i <= 8; i++) {
    const at = Math.floor((data.length * i) / 9);
    out.push([`truncated at ${at}`, data.subarray(0, at)]);
  }
  for (let i = 0; i < 6; i++) {
    const copy = Buffer.from(data);
    const at = Math.floor(rand() * copy.length);
    if (copy.length > 0) copy[at] = (copy[at] as number) ^ (1 << Math.floor(rand() * 8));
    out.push([`bit flip at ${at}`, copy]);
  }
  for (let i = 0; i < 3; i++) {
    const at = Math.floor(rand() * data.length);
    out.push([
      `NUL at ${at}`,
      Buffer.concat([data.subarray(0, at), Buffer.from([0]), data.subarray(at)]),
    ]);
  }
  const junk = Buffer.alloc(512);
  for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(rand() * 256);
  out.push(["binary junk", junk]);
  out.push(["duplicated", Buffer.concat([data, data])]);
  out.push([
    "CRLF line ends",
    Buffer.from(data.toString("latin1").replace(/\n/g, "\r\n"), "latin1"),
  ]);
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), "linkguard-mutation-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const files = listFiles(CORPUS).filter((f) => placement(f) !== undefined);

test("the corpus has files for every reader placement", () => {
  assert.ok(files.length > 100, `only ${files.length} corpus files placed`);
});

files.forEach((rel, index) => {
  test(`doctor never throws on mutations of ${rel}`, () => {
    const target = placement(rel) as string;
    const data = readFileSync(join(CORPUS, rel));
    const root = join(tmp, `case-${index}`);
    mkdirSync(dirname(join(root, target)), { recursive: true });
    writeFileSync(join(root, target), data);
    // Junk must be reported for every file the reader uses (sysfs attributes it never reads are not).
    const used = readHost(root, { live: false }).sources.includes(target);
    for (const [what, bytes] of mutations(data, index + 1)) {
      writeFileSync(join(root, target), bytes);
      let report: ReturnType<typeof diagnose>;
      try {
        report = diagnose(readHost(root, { live: false }));
      } catch (err) {
        assert.fail(`${rel} (${what}) made the doctor throw: ${(err as Error).stack}`);
      }
      if (what === "binary junk" && used) {
        assert.ok(
          report.findings.some(
            (f) => f.rule === "input-unparseable" && f.evidence.some((e) => e.file === target),
          ),
          `${rel} (binary junk): no input-unparseable finding names ${target}`,
        );
      }
    }
    rmSync(root, { recursive: true, force: true });
  });
});
