// Solaris /etc/hostname.<if>: the ifconfig arguments the interface is plumbed with at boot
// (ifconfig(1M)). "addif" starts a logical interface; "-failover" marks a test address.

import type { Evidence } from "../../lib/evidence.js";
import { netmaskToPrefix } from "../../lib/net.js";
import { evidence, numberedLines } from "../../lib/text.js";
import { type IpmpInterface, type Parsed, ParseError } from "../model.js";

const KNOWN = new Set([
  "up",
  "down",
  "deprecated",
  "-deprecated",
  "-failover",
  "failover",
  "standby",
  "-standby",
  "plumb",
  "private",
  "-private",
  "router",
  "-router",
  "arp",
  "-arp",
]);
const WITH_VALUE = new Set([
  "netmask",
  "broadcast",
  "group",
  "mtu",
  "index",
  "metric",
  "ether",
  "zone",
  "destination",
]);

interface Token {
  word: string;
  ev: Evidence;
}

function logical(name: string, physical: string, ev: Evidence): IpmpInterface {
  return {
    name,
    physical,
    flags: [],
    standby: false,
    deprecated: false,
    noFailover: false,
    inactive: false,
    failed: false,
    addresses: [],
    origin: "hostname-file",
    source: ev,
    ev: {},
  };
}

/** Solaris /etc/hostname.<if> (ifconfig arguments, one logical interface per line). */
export function parseSolarisHostname(
  text: string,
  file: string,
  ifname: string,
): Parsed<IpmpInterface[]> {
  const problems: ParseError[] = [];
  const tokens: Token[] = [];
  for (const { n, text: raw } of numberedLines(text)) {
    const line = raw.replace(/#.*$/, "").replace(/\\\s*$/, "");
    for (const word of line.trim().split(/\s+/).filter(Boolean))
      tokens.push({ word, ev: evidence(file, n, raw) });
  }
  if (tokens.length === 0) return { value: [], problems };
  const value: IpmpInterface[] = [];
  let cur = logical(ifname, ifname, tokens[0]?.ev as Evidence);
  value.push(cur);
  let expectAddress = true;
  for (let i = 0; i < tokens.length; i++) {
    const { word, ev } = tokens[i] as Token;
    const next = tokens[i + 1]?.word;
    if (word === "addif") {
      cur = logical(`${ifname}:${value.length}`, ifname, ev);
      value.push(cur);
      expectAddress = true;
      continue;
    }
    if (WITH_VALUE.has(word) && next !== undefined) {
      i++;
      if (word === "group") {
        cur.group = next;
        cur.ev.group = ev;
      } else if (word === "netmask" && next !== "+") {
        const p = netmaskToPrefix(next);
        const addr = cur.addresses.at(-1);
        if (p !== undefined && addr) addr.prefix = p;
      } else if (word === "broadcast" && next !== "+") {
        const addr = cur.addresses.at(-1);
        if (addr) addr.broadcast = next;
      }
      continue;
    }
    if (KNOWN.has(word)) {
      if (word === "-failover") {
        cur.noFailover = true;
        cur.flags.push("NOFAILOVER");
        for (const a of cur.addresses) a.test = true;
      } else if (word === "deprecated") {
        cur.deprecated = true;
        cur.flags.push("DEPRECATED");
      } else if (word === "standby") {
        cur.standby = true;
        cur.flags.push("STANDBY");
      }
      continue;
    }
    if (expectAddress) {
      const [address, prefix] = word.split("/");
      const addr: IpmpInterface["addresses"][number] = {
        address: address as string,
        test: false,
        source: ev,
      };
      if (prefix !== undefined && /^\d+$/.test(prefix)) addr.prefix = Number(prefix);
      cur.addresses.push(addr);
      cur.source = ev;
      expectAddress = false;
      continue;
    }
    problems.push(new ParseError(file, ev.line, `unknown ifconfig argument "${word}"`, ev.text));
  }
  // The group is set on the physical interface; logical ones share it.
  const group = value.find((v) => v.group !== undefined);
  for (const v of value) {
    if (v.group === undefined && group?.group) {
      v.group = group.group;
      if (group.ev.group) v.ev.group = group.ev.group;
    }
    if (v.noFailover) for (const a of v.addresses) a.test = true;
  }
  return { value, problems };
}
