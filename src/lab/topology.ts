// A lab topology: hosts (namespaces), switches (a Linux bridge, each in its own namespace)
// and links (veth pairs from a host interface to a switch port). Pure data and validation.
import { assertLabIfname, assertNodeName, switchPortName } from "./names.js";

export interface HostInterfaceSpec {
  name: string;
  /** CIDR addresses, e.g. "10.0.0.10/24". */
  addresses?: string[];
  /** The switch this interface is cabled to. */
  switch: string;
}

interface HostSpec {
  name: string;
  interfaces: HostInterfaceSpec[];
  /** Addresses on lo (a DSR real server's VIP). */
  loopback?: string[];
  defaultRoute?: string;
  /** sysctl key -> value, applied inside the host's namespace. */
  sysctls?: Record<string, string>;
}

export interface TopologySpec {
  name: string;
  description: string;
  switches: string[];
  hosts: HostSpec[];
  /** Cables between switches (veth, both ends in a bridge): [switch, switch]. */
  uplinks?: [string, string][];
}

/** A cable: host interface <-> switch port. Its id in faults is "host:ifname" (or "ifname"). */
export interface Link {
  id: string;
  host: string;
  ifname: string;
  switch: string;
  port: string;
}

const CIDR_RE = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-f:]+\/\d{1,3}$/i;
const IP_RE = /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f:]+$/i;
const SYSCTL_RE = /^net\.[a-z0-9_.-]+$/;

export function linksOf(topology: TopologySpec): Link[] {
  return topology.hosts.flatMap((h) =>
    h.interfaces.map((i) => ({
      id: `${h.name}:${i.name}`,
      host: h.name,
      ifname: i.name,
      switch: i.switch,
      port: switchPortName(h.name, i.name),
    })),
  );
}

/** Throws with the first problem found: names, addresses and references are all checked. */
export function validateTopology(t: TopologySpec): void {
  const nodes = new Set<string>();
  for (const name of [...t.switches, ...t.hosts.map((h) => h.name)]) {
    assertNodeName(name);
    if (nodes.has(name)) throw new Error(`topology ${t.name}: "${name}" is declared twice`);
    nodes.add(name);
  }
  for (const h of t.hosts) {
    for (const i of h.interfaces) {
      assertLabIfname(i.name);
      if (!t.switches.includes(i.switch)) {
        throw new Error(
          `topology ${t.name}: ${h.name}:${i.name} names unknown switch "${i.switch}"`,
        );
      }
      for (const a of i.addresses ?? []) assertCidr(a, `${h.name}:${i.name}`);
    }
    for (const a of h.loopback ?? []) assertCidr(a, `${h.name}:lo`);
    if (h.defaultRoute !== undefined && !IP_RE.test(h.defaultRoute)) {
      throw new Error(
        `topology ${t.name}: ${h.name} default route "${h.defaultRoute}" is not an IP`,
      );
    }
    for (const [k, v] of Object.entries(h.sysctls ?? {})) {
      if (!SYSCTL_RE.test(k) || !/^[0-9a-z ]{1,32}$/i.test(v)) {
        throw new Error(`topology ${t.name}: ${h.name} sysctl "${k}=${v}" is not allowed`);
      }
    }
  }
  for (const [a, b] of t.uplinks ?? []) {
    if (!t.switches.includes(a) || !t.switches.includes(b) || a === b) {
      throw new Error(
        `topology ${t.name}: uplink ${a}-${b} must join two different declared switches`,
      );
    }
  }
  const ports = linksOf(t).map((l) => `${l.switch}/${l.port}`);
  const dup = ports.find((p, i) => ports.indexOf(p) !== i);
  if (dup) throw new Error(`topology ${t.name}: two links map to switch port ${dup}`);
}

function assertCidr(a: string, where: string): void {
  if (!CIDR_RE.test(a)) throw new Error(`${where}: "${a}" is not an address with a prefix`);
}

/** Finds a link by "host:ifname" or, when unique, by "ifname". */
export function findLink(t: TopologySpec, id: string): Link {
  const links = linksOf(t);
  const exact = links.find((l) => l.id === id);
  if (exact) return exact;
  const byIf = links.filter((l) => l.ifname === id);
  if (byIf.length === 1 && byIf[0]) return byIf[0];
  const known = links.map((l) => l.id).join(", ");
  throw new Error(
    byIf.length > 1
      ? `link "${id}" is ambiguous: use host:ifname (${known})`
      : `no link "${id}" (links: ${known})`,
  );
}
