// `ip -d -j address|link` and `ip -j route` JSON (iproute2's json_print output).

import type { Evidence } from "../../lib/evidence.js";
import { normalizeMac } from "../../lib/net.js";
import { evidence } from "../../lib/text.js";
import { type Address, type NetInterface, type Parsed, ParseError, type Route } from "../model.js";
import type { IpDetail } from "./ip-address-text.js";

type Json = Record<string, unknown>;

function parseArray(text: string, file: string): { items: Json[]; problems: ParseError[] } {
  if (text.trim() === "") return { items: [], problems: [] };
  try {
    const data: unknown = JSON.parse(text);
    if (!Array.isArray(data))
      return { items: [], problems: [new ParseError(file, 1, "expected a JSON array")] };
    return {
      items: data.filter((x): x is Json => typeof x === "object" && x !== null),
      problems: [],
    };
  } catch (err) {
    // V8 says "... at position N" (and line/column in newer versions): point at the line.
    const m = /position (\d+)/.exec((err as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split("\n").length : 1;
    return {
      items: [],
      problems: [new ParseError(file, line, `invalid JSON: ${(err as Error).message}`)],
    };
  }
}

/** 1-based line where `"ifname":"X"` appears (the whole output may be one line). */
function lineOf(text: string, name: string): number {
  const at = text.search(
    new RegExp(`"ifname"\\s*:\\s*"${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`),
  );
  return at < 0 ? 1 : text.slice(0, at).split("\n").length;
}

const str = (v: unknown): string | undefined =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;

function toAddress(a: Json, ev: Evidence): Address | undefined {
  const address = str(a.local);
  const family = a.family === "inet6" ? "inet6" : a.family === "inet" ? "inet" : undefined;
  if (!address || !family) return undefined;
  const out: Address = {
    family,
    address,
    prefix: typeof a.prefixlen === "number" ? a.prefixlen : family === "inet" ? 32 : 128,
    flags: Object.entries(a)
      .filter(([, v]) => v === true)
      .map(([k]) => k),
    source: ev,
  };
  const brd = str(a.broadcast);
  if (brd) out.broadcast = brd;
  const label = str(a.label);
  if (label) out.label = label;
  const scope = str(a.scope);
  if (scope) out.scope = scope;
  return out;
}

/** `ip -d -j address` or `ip -d -j link` JSON. */
export function parseIpJson(text: string, file: string): Parsed<NetInterface[]> {
  const { items, problems } = parseArray(text, file);
  const value: NetInterface[] = [];
  for (const item of items) {
    const name = str(item.ifname);
    if (!name) continue;
    const mtu = typeof item.mtu === "number" ? item.mtu : undefined;
    const state = str(item.operstate);
    const master = str(item.master);
    const summary = [
      name,
      mtu !== undefined ? `mtu ${mtu}` : "",
      state ? `state ${state}` : "",
      master ? `master ${master}` : "",
    ]
      .filter(Boolean)
      .join(" ");
    const ev = evidence(file, lineOf(text, name), summary);
    const flags = Array.isArray(item.flags)
      ? item.flags.filter((f): f is string => typeof f === "string")
      : [];
    const iface: NetInterface = { name, flags, addresses: [], source: ev, ev: { name: ev } };
    if (mtu !== undefined) iface.mtu = mtu;
    if (state) iface.operstate = state.toLowerCase();
    if (master) iface.master = master;
    iface.carrier = flags.includes("LOWER_UP");
    const mac = normalizeMac(str(item.address));
    if (mac && item.link_type !== "loopback") iface.mac = mac;
    const perm = normalizeMac(str(item.permaddr));
    if (perm) iface.permanentMac = perm;
    const info = item.linkinfo as Json | undefined;
    const kind = str(info?.info_kind) ?? (item.link_type === "loopback" ? "loopback" : undefined);
    if (kind) iface.kind = kind;
    for (const k of ["mtu", "operstate", "master", "carrier", "mac", "kind"] as const)
      iface.ev[k] = ev;
    if (Array.isArray(item.addr_info)) {
      for (const a of item.addr_info as Json[]) {
        const addr = toAddress(a, ev);
        if (addr) iface.addresses.push(addr);
      }
    }
    value.push(iface);
  }
  return { value, problems };
}

/** Flatten a JSON object's scalars (and ad_info's) to strings, the way the text form prints them. */
function flatten(obj: Json): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === "ad_info" && typeof v === "object" && v !== null) {
      for (const [ak, av] of Object.entries(v as Json)) {
        const s = str(av);
        if (s !== undefined) out[`ad_${ak}`] = s;
      }
    } else if (Array.isArray(v)) out[k] = v.map(String).join(",");
    else {
      const s = str(v);
      if (s !== undefined) out[k] = s;
    }
  }
  return out;
}

/** Bond and bond-member details (linkinfo.info_data / info_slave_data) per interface. */
export function ipJsonBondDetails(text: string, file: string): Record<string, IpDetail> {
  const out: Record<string, IpDetail> = {};
  for (const item of parseArray(text, file).items) {
    const name = str(item.ifname);
    const info = item.linkinfo as Json | undefined;
    if (!name || !info) continue;
    const ev = evidence(file, lineOf(text, name), `${name} linkinfo`);
    if (info.info_kind === "bond" && typeof info.info_data === "object" && info.info_data) {
      out[name] = { kind: "bond", values: flatten(info.info_data as Json), ev };
    } else if (
      info.info_slave_kind === "bond" &&
      typeof info.info_slave_data === "object" &&
      info.info_slave_data
    ) {
      out[name] = { kind: "bond_slave", values: flatten(info.info_slave_data as Json), ev };
    }
  }
  return out;
}

/** `ip -j route` JSON. */
export function parseIpRouteJson(text: string, file: string): Parsed<Route[]> {
  const { items, problems } = parseArray(text, file);
  const value: Route[] = [];
  items.forEach((r, i) => {
    const dst = str(r.dst);
    if (!dst) return;
    const route: Route = { destination: dst, source: evidence(file, 1, `route ${i + 1}: ${dst}`) };
    const gw = str(r.gateway);
    if (gw) route.gateway = gw;
    const dev = str(r.dev);
    if (dev) route.dev = dev;
    if (typeof r.metric === "number") route.metric = r.metric;
    const table = str(r.table);
    if (table) route.table = table;
    value.push(route);
  });
  return { value, problems };
}
