import assert from "node:assert/strict";
import { test } from "node:test";
import { emptySnapshot } from "../model.js";
import type { CommandSource, CommandSpec } from "../read/commands.js";
import type { RootFs } from "../read/root-fs.js";
import { collectSupportFacts, kernelLogLines } from "./support-facts.js";

function recorder(dmesg: string) {
  const ran: string[] = [];
  const commands: CommandSource = {
    failures: [],
    run(cmd: CommandSpec) {
      ran.push(cmd.sos);
      return { text: cmd.argv[0] === "dmesg" ? dmesg : "", file: cmd.sos };
    },
  };
  const read: string[] = [];
  const fs = {
    read: (rel: string) => {
      read.push(rel);
      return undefined;
    },
  } as unknown as RootFs;
  return { ran, read, commands, fs };
}

test("snapshot collects uname, ip -s link, release files and ethtool per member under sos names", () => {
  const snap = emptySnapshot("/", "live");
  const slave = (name: string) => ({ name }) as never;
  snap.bonds.push({ name: "bond0", slaves: [slave("eno2"), slave("eno1"), slave("-x")] } as never);
  snap.teams.push({ name: "team0", ports: [{ name: "ens3" }] } as never);
  const r = recorder("");
  collectSupportFacts(snap, r.commands, r.fs);
  assert.deepEqual(r.ran, [
    "sos_commands/kernel/uname_-a",
    "sos_commands/networking/ip_-s_link",
    "sos_commands/networking/ethtool_eno1",
    "sos_commands/networking/ethtool_eno2",
    "sos_commands/networking/ethtool_ens3",
    "sos_commands/kernel/dmesg",
  ]);
  assert.ok(r.read.includes("etc/os-release") && r.read.includes("proc/sys/kernel/osrelease"));
});

test("kernelLogLines keeps the lines about bonds, teams and links, and only those", () => {
  const dmesg = [
    "[    1.0] Linux version 6.1.0-18-amd64",
    "[   12.3] bond0: (slave eno1): Enslaving as a backup interface with an up link",
    "[   12.4] ixgbe 0000:01:00.0 eno1: NIC Link is Up 10 Gbps, Flow Control: RX/TX",
    "[   13.0] usb 1-1: new high-speed USB device",
    "[  400.1] bond0: (slave eno2): link status definitely down, disabling slave",
    "[  401.0] team0: Port device ens3 added",
  ].join("\n");
  assert.deepEqual(kernelLogLines(dmesg).split("\n"), [
    "[   12.3] bond0: (slave eno1): Enslaving as a backup interface with an up link",
    "[   12.4] ixgbe 0000:01:00.0 eno1: NIC Link is Up 10 Gbps, Flow Control: RX/TX",
    "[  400.1] bond0: (slave eno2): link status definitely down, disabling slave",
    "[  401.0] team0: Port device ens3 added",
  ]);
});
