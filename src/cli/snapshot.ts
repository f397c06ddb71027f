// `linkguard snapshot`: collect this host's network state for later diagnosis or a ticket.
import type { Command } from "commander";
import { VERSION } from "../config/version.js";
import { writeSnapshot } from "../host/snapshot/write-snapshot.js";

export function registerSnapshot(program: Command): void {
  program
    .command("snapshot")
    .description("collect this host's bond/team/address state into a sosreport-layout tarball")
    .option("-o, --output <dir>", "directory to write the snapshot into", ".")
    .option("--dir", "write a directory instead of a .tar.gz", false)
    .addHelpText(
      "after",
      `
The snapshot holds exactly what 'linkguard doctor' reads: /proc/net/bonding, the relevant
/sys/class/net and /proc/sys/net files, network config files (passwords, PSKs and keys
redacted), and the output of ip -d -j address|link, ip -j route, ip -s link xstats,
ethtool -i, teamdctl, stored under sos_commands/ with sos's file names. For a support
engineer it also holds the kernel version (uname -a, /proc/sys/kernel/osrelease) and
/etc/os-release, ip -s link (errors and drops), ethtool IFACE for every bond and team member
(link, speed, duplex) and the kernel log lines about bonding, teaming and links (dmesg).

Secrets are redacted by format (netplan YAML, NetworkManager keyfiles incl. [vpn-secrets],
ifcfg shell assignments, systemd-networkd, ifupdown, wpa_supplicant), but the snapshot still
holds this host's addresses, routes, names and configuration: treat it as sensitive. The
tarball is written 0600 (the --dir form 0700), readable by you alone.

Examples:
  linkguard snapshot                  ./linkguard-snapshot-HOST-YYYYMMDDTHHMMSS.tar.gz
  linkguard snapshot -o /tmp --dir    a directory in /tmp instead of a tarball
Read it back anywhere:
  linkguard doctor --root linkguard-snapshot-web01-20261122T101500.tar.gz

Run as root for the full picture: without CAP_NET_ADMIN the kernel hides 802.3ad partner
details in /proc/net/bonding and NetworkManager keyfiles are unreadable.`,
    )
    .action((opts: { output: string; dir: boolean }) => {
      const result = writeSnapshot({
        outDir: opts.output,
        asDirectory: opts.dir,
        version: VERSION,
      });
      process.stdout.write(`${result.path}\n`);
      process.stderr.write(
        `linkguard snapshot: ${result.files} files, ${result.commands} command outputs, ${result.redactions} secret(s) redacted\n`,
      );
      for (const u of result.snapshot.unseen) process.stderr.write(`  not seen: ${u}\n`);
    });
}
