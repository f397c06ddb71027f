// The iproute2 commands of a move and of its start-up rule, as plain data: what the executor
// (apply.ts) runs in order and what a dry run prints.
import { intToIpv4, ipv4ToInt, prefixToMask } from "../lib/net.js";

export interface PlanOptions {
  /** The routing table that belongs to this address (policy routing). */
  table: number;
  gateway?: string;
}

/** The address of a CIDR, without its prefix length. */
export function ipOf(cidr: string): string {
  return cidr.split("/")[0] as string;
}

/**
 * The `ip` calls of a move, in order: add on the new member, the address's table pointed at
 * it (subnet, default route, cache flush), then delete from the old member.
 */
export function movePlan(address: string, from: string, to: string, o: PlanOptions): string[][] {
  const ip = ipOf(address);
  const fam = ip.includes(":") ? ["-6"] : [];
  const table = ["table", String(o.table)];
  const plan: string[][] = [
    ["ip", ...fam, "address", "add", address, "dev", to],
    ["ip", ...fam, "route", "replace", subnetOf(address), "dev", to, "src", ip, ...table],
  ];
  if (o.gateway)
    plan.push(["ip", ...fam, "route", "replace", "default", "via", o.gateway, "dev", to, ...table]);
  plan.push(["ip", ...fam, "route", "flush", "cache"]);
  plan.push(["ip", ...fam, "address", "del", address, "dev", from]);
  return plan;
}

/** What one gratuitous ARP from `to` for `ip` is, as the command that sends it (RFC 5227 2.4). */
export function announcePlan(to: string, ip: string): string[] {
  return ["arping", "-U", "-c", "1", "-w", "1", "-I", to, ip];
}

/** Network of a CIDR (IPv4 masked; IPv6 left to the kernel by using the address itself). */
export function subnetOf(cidr: string): string {
  const [ip, len] = cidr.split("/") as [string, string];
  const value = ipv4ToInt(ip);
  if (ip.includes(":") || value === undefined) return cidr;
  const n = Number(len);
  return `${intToIpv4((value & prefixToMask(n)) >>> 0)}/${n}`;
}

/** The rule that sends traffic from the address to its own table (set up once). */
export function rulePlan(address: string, table: number): string[] {
  const ip = ipOf(address);
  const fam = ip.includes(":") ? ["-6"] : [];
  return ["ip", ...fam, "rule", "add", "from", ip, "lookup", String(table), "pref", String(table)];
}
