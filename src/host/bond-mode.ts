// Bonding mode names: the kernel's text in /proc/net/bonding, its short names, numbers.
// Source: Documentation/networking/bonding.rst and drivers/net/bonding/bond_options.c.
import type { BondMode } from "./model.js";

/** Mode names by the kernel's mode number (BOND_MODE_ROUNDROBIN = 0 ...). */
export const BOND_MODE_BY_NUMBER: readonly BondMode[] = [
  "balance-rr",
  "active-backup",
  "balance-xor",
  "broadcast",
  "802.3ad",
  "balance-tlb",
  "balance-alb",
];

// What /proc/net/bonding prints after "Bonding Mode:" (bond_mode_name() in bond_main.c).
const BY_PROC_TEXT: Array<[RegExp, BondMode]> = [
  [/round-robin/i, "balance-rr"],
  [/active-backup/i, "active-backup"],
  [/\bxor\b/i, "balance-xor"],
  [/broadcast/i, "broadcast"],
  [/802\.3ad|dynamic link aggregation/i, "802.3ad"],
  [/transmit load balancing/i, "balance-tlb"],
  [/adaptive load balancing/i, "balance-alb"],
];

/** Any spelling of a bonding mode (0-6, "mode4", "802.3ad", "lacp", proc text) -> BondMode. */
export function normalizeBondMode(raw: string | undefined): BondMode | undefined {
  if (raw === undefined) return undefined;
  const t = raw.trim().toLowerCase().replace(/^"|"$/g, "");
  if (t === "") return undefined;
  if (/^\d$/.test(t)) return BOND_MODE_BY_NUMBER[Number(t)] ?? "unknown";
  const short = t.replace(/^mode\s*/, "");
  if (/^\d$/.test(short)) return BOND_MODE_BY_NUMBER[Number(short)] ?? "unknown";
  if ((BOND_MODE_BY_NUMBER as readonly string[]).includes(t)) return t as BondMode;
  if (t === "lacp" || t === "8023ad" || t === "ieee802.3ad") return "802.3ad";
  if (t === "activebackup" || t === "active_backup") return "active-backup";
  for (const [re, mode] of BY_PROC_TEXT) if (re.test(t)) return mode;
  return "unknown";
}

/** fail_over_mac: 0/none, 1/active, 2/follow -> kernel name. */
export function normalizeFailOverMac(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const t = raw.trim().toLowerCase();
  const names = ["none", "active", "follow"];
  if (/^\d$/.test(t)) return names[Number(t)] ?? t;
  return t;
}

/** lacp_rate: 0/slow, 1/fast. */
export function normalizeLacpRate(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const t = raw.trim().toLowerCase();
  if (t === "0") return "slow";
  if (t === "1") return "fast";
  return t;
}
