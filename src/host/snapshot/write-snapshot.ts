// `linkguard snapshot`: record exactly what the doctor reads on this host (files, symlinks and
// command output) into the sosreport layout, secrets redacted, as a directory or a tarball.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname as osHostname } from "node:os";
import { dirname, join } from "node:path";
import type { HostSnapshot } from "../model.js";
import { COMMANDS, type CommandSource, liveCommands } from "../read/commands.js";
import { readHost, SNAPSHOT_MARKER } from "../read/read-host.js";
import { openRootFs, type RootFs } from "../read/root-fs.js";
import { makeRunTemp } from "../read/run-temp.js";
import { redactFile } from "./redact.js";
import { collectSupportFacts } from "./support-facts.js";

export interface SnapshotResult {
  /** The tarball or directory written. */
  path: string;
  files: number;
  commands: number;
  redactions: number;
  snapshot: HostSnapshot;
}

/** Records every command's output as it runs, under its sos file name. */
function recordingCommands(inner: CommandSource, outputs: Map<string, string>): CommandSource {
  return {
    get failures() {
      return inner.failures;
    },
    run(cmd) {
      const out = inner.run(cmd);
      if (out) outputs.set(cmd.sos, out.text);
      return out;
    },
  };
}

/**
 * The snapshot holds network configuration and host facts: its files are 0600 and its
 * directories 0700 whatever the umask (mkdir's mode is only masked further, never widened).
 */
function put(dir: string, rel: string, text: string): void {
  const path = join(dir, rel);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, text, { mode: 0o600 });
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
}

export function writeSnapshot(options: {
  outDir: string;
  root?: string;
  asDirectory?: boolean;
  version: string;
  now?: Date;
}): SnapshotResult {
  const root = options.root ?? "/";
  const now = options.now ?? new Date();
  const outputs = new Map<string, string>();
  const commands = recordingCommands(liveCommands(), outputs);
  // The text the readers got is the text copied: no second read of a file that may have
  // changed (or been swapped for a FIFO) in between.
  const texts = new Map<string, string>();
  const inner = openRootFs(root);
  const fs: RootFs = {
    ...inner,
    read(rel) {
      const text = inner.read(rel);
      if (text !== undefined) texts.set(rel, text);
      return text;
    },
  };
  const snapshot = readHost(root, { live: true, commands, fs });
  const facts = collectSupportFacts(snapshot, commands, fs);
  // The support facts' commands (dmesg, uname, ethtool IFACE) ran after the read: their
  // failures are as unseen as the doctor's own, on stderr and in the marker.
  for (const f of commands.failures) {
    const u = `command failed: ${f}`;
    if (!snapshot.unseen.includes(u)) snapshot.unseen.push(u);
  }
  // Only the kernel log lines about bonds, teams and links, not the whole ring buffer.
  if (facts.dmesg !== undefined) outputs.set(COMMANDS.dmesg.sos, facts.dmesg);
  const host = (snapshot.hostname ?? osHostname()).replace(/[^\w.-]/g, "_");
  const name = `linkguard-snapshot-${host}-${stamp(now)}`;
  const staging = makeRunTemp("snap");
  const top = join(staging, name);
  let redactions = 0;
  try {
    mkdirSync(top, { mode: 0o700 });
    chmodSync(top, 0o700);
    for (const rel of new Set(fs.used)) {
      let text = texts.get(rel) ?? "";
      if (rel.startsWith("etc/") || rel.startsWith("run/")) {
        const r = redactFile(rel, text);
        text = r.text;
        redactions += r.count;
      }
      put(top, rel, text);
    }
    for (const [rel, target] of Object.entries(fs.links)) {
      mkdirSync(dirname(join(top, rel)), { recursive: true, mode: 0o700 });
      symlinkSync(target, join(top, rel));
    }
    for (const [rel, text] of outputs) put(top, rel, text);
    put(top, "hostname", `${snapshot.hostname ?? osHostname()}\n`);
    const marker = {
      tool: "linkguard",
      version: options.version,
      created: now.toISOString(),
      hostname: snapshot.hostname ?? osHostname(),
      uid: process.getuid?.(),
      commands: [...outputs.keys()],
      filtered: { [COMMANDS.dmesg.sos]: "kernel log lines about bonding, teaming and links only" },
      failed_commands: commands.failures,
      unseen: snapshot.unseen,
      redactions,
    };
    put(top, SNAPSHOT_MARKER, `${JSON.stringify(marker, null, 2)}\n`);
    mkdirSync(options.outDir, { recursive: true });
    let path: string;
    if (options.asDirectory) {
      path = join(options.outDir, name);
      renameOrCopy(top, path);
    } else {
      path = join(options.outDir, `${name}.tar.gz`);
      const partial = `${path}.partial`;
      // Created 0600 before tar opens it: at no moment is it readable by others.
      writeFileSync(partial, "", { mode: 0o600 });
      chmodSync(partial, 0o600);
      execFileSync("tar", ["-czf", partial, "-C", staging, name], {
        stdio: ["ignore", "ignore", "pipe"],
      });
      renameSync(partial, path); // never leave a half-written tarball under the final name
    }
    return { path, files: fs.used.length, commands: outputs.size, redactions, snapshot };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function renameOrCopy(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    // across file systems (tmpfs -> disk) rename fails; cp -a keeps symlinks and modes
    mkdirSync(to, { recursive: true, mode: 0o700 });
    execFileSync("cp", ["-a", "--", `${from}/.`, to]);
  }
  chmodSync(to, 0o700);
}
