// netplan YAML (network: version: 2). Bonds are network.bonds.<name> with interfaces: and
// parameters: in netplan's own spelling, mapped here to the kernel's option names.
import type * as Yaml from "yaml";
import type { LineCounter, Node, Pair, YAMLMap } from "yaml";
import type { Evidence } from "../../lib/evidence.js";
import { lazyModule } from "../../lib/lazy.js";
import { normalizeMac } from "../../lib/net.js";
import { evidence, numberedLines } from "../../lib/text.js";
import type { MemberMatch, Parsed } from "../model.js";
import { ParseError } from "../model.js";
import type { ConfigResult } from "./config-result.js";
import { addMember, makeAddress, newBond, setOption } from "./config-values.js";

const yaml = lazyModule<typeof Yaml>("yaml");

// netplan parameter -> kernel option (netplan.yaml(5) "Properties for device type bonds").
const PARAMS: Record<string, string> = {
  mode: "mode",
  "lacp-rate": "lacp_rate",
  "mii-monitor-interval": "miimon",
  "min-links": "min_links",
  "transmit-hash-policy": "xmit_hash_policy",
  "ad-select": "ad_select",
  "all-members-active": "all_slaves_active",
  "all-slaves-active": "all_slaves_active",
  "arp-interval": "arp_interval",
  "arp-ip-targets": "arp_ip_target",
  "arp-validate": "arp_validate",
  "arp-all-targets": "arp_all_targets",
  "up-delay": "updelay",
  "down-delay": "downdelay",
  "fail-over-mac-policy": "fail_over_mac",
  "gratuitous-arp": "num_grat_arp",
  "gratuitious-arp": "num_grat_arp", // historical misspelling netplan still accepts
  "packets-per-member": "packets_per_slave",
  "packets-per-slave": "packets_per_slave",
  "primary-reselect-policy": "primary_reselect",
  "resend-igmp": "resend_igmp",
  "learn-packet-interval": "lp_interval",
  primary: "primary",
};

// biome-ignore format: a list of names
const DEVICE_TYPES = [
  "ethernets", "bonds", "bridges", "vlans", "wifis", "tunnels", "vrfs", "modems",
  "dummy-devices", "virtual-ethernets",
];

type Ctx = { file: string; lc: LineCounter; lines: string[]; problems: ParseError[] };

function ev(ctx: Ctx, node: Node | null | undefined): Evidence {
  const offset = node?.range?.[0];
  if (offset === undefined) return evidence(ctx.file, 0, "");
  const line = ctx.lc.linePos(offset).line;
  return evidence(ctx.file, line, ctx.lines[line - 1] ?? "");
}

/** A scalar's text as written ("802.3ad", "10ms", "true"); lists joined with commas. */
function str(node: unknown): string | undefined {
  if (yaml().isScalar(node)) return node.source ?? String(node.value);
  if (yaml().isSeq(node)) return node.items.map((i) => str(i) ?? "").join(",");
  return undefined;
}

function pairs(node: unknown): Array<Pair<Node, unknown>> {
  return yaml().isMap(node) ? (node.items as Array<Pair<Node, unknown>>) : [];
}

/**
 * The kernel name of a netplan device id: set-name, else a literal match name. When the id
 * only matches (a driver, a MAC, a name glob), the id is no interface name: the returned
 * `match` says what to look for among the running interfaces.
 */
function kernelName(id: string, settings: unknown): { name: string; match?: MemberMatch } {
  if (!yaml().isMap(settings)) return { name: id };
  const setName = str(settings.get("set-name", true));
  if (setName) return { name: setName };
  const match = settings.get("match", true);
  if (!yaml().isMap(match)) return { name: id };
  const name = str(match.get("name", true));
  if (name && !/[*?[]/.test(name)) return { name };
  const m: MemberMatch = {};
  if (name) m.name = name;
  const mac = normalizeMac(str(match.get("macaddress", true)));
  if (mac) m.mac = mac;
  const driver = str(match.get("driver", true));
  if (driver) m.driver = driver;
  return Object.keys(m).length > 0 ? { name: id, match: m } : { name: id };
}

function addresses(ctx: Ctx, iface: string, settings: unknown, out: ConfigResult): void {
  if (!yaml().isMap(settings)) return;
  const list = settings.get("addresses", true);
  for (const item of yaml().isSeq(list) ? list.items : []) {
    // An address is "192.0.2.1/24" or a one-key map {"192.0.2.1/24": {label: "lo:1"}}.
    const [pair] = pairs(item);
    const raw = pair ? str(pair.key) : str(item);
    if (raw === undefined) continue;
    const label = pair && yaml().isMap(pair.value) ? str(pair.value.get("label", true)) : undefined;
    const name = label?.includes(":") ? label : iface;
    const a = makeAddress(name, raw, "netplan", ev(ctx, item as Node), ctx.problems);
    if (a) out.addresses.push(a);
  }
}

function bond(
  ctx: Ctx,
  name: string,
  keyNode: Node,
  settings: unknown,
  names: Map<string, string>,
  matches: Map<string, MemberMatch>,
  out: ConfigResult,
): void {
  const b = newBond(name, "netplan", "bond", ctx.file, ev(ctx, keyNode));
  out.bonds.push(b);
  for (const p of pairs(settings)) {
    const key = str(p.key);
    if (key === "interfaces" && yaml().isSeq(p.value)) {
      for (const m of p.value.items) {
        const id = str(m);
        if (!id) continue;
        addMember(b, names.get(id) ?? id, ev(ctx, m as Node));
        const match = matches.get(id);
        if (match) {
          b.memberMatch ??= {};
          b.memberMatch[id] = match;
        }
      }
      if (b.members.length > 0) b.ev.members = ev(ctx, p.key); // the "interfaces:" line
    }
    if (key !== "parameters") continue;
    for (const q of pairs(p.value)) {
      const param = str(q.key) ?? "";
      const value = str(q.value);
      if (value === undefined) continue;
      const option = PARAMS[param] ?? param.replace(/-/g, "_");
      setOption(b, option, value, ev(ctx, q.key), ctx.problems, "netplan");
    }
  }
}

/** One netplan YAML file. */
export function parseNetplan(text: string, file: string): Parsed<ConfigResult> {
  const out: ConfigResult = { bonds: [], addresses: [] };
  const lc = new (yaml().LineCounter)();
  const ctx: Ctx = { file, lc, lines: numberedLines(text).map((l) => l.text), problems: [] };
  const doc = yaml().parseDocument(text, { lineCounter: lc, prettyErrors: false });
  for (const e of doc.errors) {
    const line = lc.linePos(e.pos[0]).line;
    ctx.problems.push(
      new ParseError(file, line, e.message.split("\n")[0] ?? e.code, ctx.lines[line - 1] ?? ""),
    );
  }
  if (doc.errors.length > 0) return { value: out, problems: ctx.problems };
  const root = doc.contents;
  // /etc/netplan files wrap everything in "network:"; cloud-init v2 input omits the wrapper.
  const net = yaml().isMap(root) && root.has("network") ? root.get("network", true) : root;
  if (!yaml().isMap(net)) return { value: out, problems: ctx.problems };
  const version = str(net.get("version", true));
  // cloud-init v1 ("version: 1", config: [...]) is not netplan: nothing to read, not an error.
  if (version === "1") return { value: out, problems: ctx.problems };
  if (version !== undefined && version !== "2") {
    const vn = (net as YAMLMap<Node, unknown>).items.find((p) => str(p.key) === "version");
    const where = ev(ctx, vn?.key);
    ctx.problems.push(
      new ParseError(file, where.line, `netplan version ${version} is not supported`, where.text),
    );
  }
  const names = new Map<string, string>();
  const matches = new Map<string, MemberMatch>();
  for (const type of DEVICE_TYPES) {
    for (const p of pairs(net.get(type, true))) {
      const id = str(p.key) ?? "";
      const k = type === "ethernets" ? kernelName(id, p.value) : { name: id };
      names.set(id, k.name);
      if (k.match) matches.set(id, k.match);
      addresses(ctx, k.name, p.value, out);
    }
  }
  for (const p of pairs(net.get("bonds", true))) {
    const id = str(p.key);
    if (id) bond(ctx, id, p.key, p.value, names, matches, out);
  }
  return { value: out, problems: ctx.problems };
}
