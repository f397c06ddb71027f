// The one data model every reader produces and every rule consumes.
// Every fact keeps the line it came from (Evidence) so findings can quote it.

import type { Evidence } from "../lib/evidence.js";
import type { LinkNeighbour } from "./neighbour.js";

/**
 * Per-field evidence: `ev.partnerMac` is the line the partner MAC was read from. `K` lists the
 * keys a model may carry, built from the model's own fields (`EvidenceKeys<T>`), so a misspelt
 * key in a reader or a rule fails to compile instead of dropping the evidence line.
 */
type FieldEvidence<K extends string> = Partial<Record<K, Evidence>>;

/** A model's fields that can have evidence: all but the evidence itself and the catch-alls. */
export type EvidenceKeys<T> = Exclude<keyof T, "ev" | "source" | "extra"> & string;

/** An unmodelled "Key: value" line kept in `extra`: its evidence is `ev["extra:Key"]`. */
type ExtraEvidenceKey = `extra:${string}`;

/**
 * The LACP lines of a member's "details actor/partner lacp pdu" (bond_procfs.c), camel-cased:
 * `ev.partnerSystemMacAddress` proves `partner.systemMac`. The kernel prints the actor's key as
 * "port key" and the partner's as "oper key": both are `PortKey`, the line of the field `key`.
 */
export type LacpLineKey =
  | "SystemPriority"
  | "SystemMacAddress"
  | "PortKey"
  | "PortPriority"
  | "PortNumber"
  | "PortState";

/** LacpPortInfo field -> its evidence key (the partner's "oper key" line is the `PortKey` too). */
export const LACP_LINE: { readonly [F in keyof LacpPortInfo]-?: LacpLineKey } = {
  systemPriority: "SystemPriority",
  systemMac: "SystemMacAddress",
  key: "PortKey",
  portPriority: "PortPriority",
  portNumber: "PortNumber",
  state: "PortState",
};

type BondSlaveEvidenceKey =
  | EvidenceKeys<BondSlave>
  | `${"actor" | "partner"}${LacpLineKey}`
  | ExtraEvidenceKey;

/** The active aggregator's facts are kept on the bond: `ev.aggregatorId` proves `ad.activeAggregator.id`. */
export const AGGREGATOR_EV = {
  id: "aggregatorId",
  ports: "aggregatorPorts",
  actorKey: "actorKey",
  partnerKey: "partnerKey",
  partnerMac: "partnerMac",
} as const satisfies { readonly [F in keyof ActiveAggregator]-?: string };

export type BondEvidenceKey =
  | EvidenceKeys<Bond>
  | Exclude<keyof Bond8023ad, "activeAggregator">
  | (typeof AGGREGATOR_EV)[keyof typeof AGGREGATOR_EV]
  /** "bond X has no active aggregator". */
  | "noActiveAggregator"
  | ExtraEvidenceKey;

export type BondMode =
  | "balance-rr"
  | "active-backup"
  | "balance-xor"
  | "broadcast"
  | "802.3ad"
  | "balance-tlb"
  | "balance-alb"
  | "unknown";

/** IEEE 802.1AX-2014 6.4.2.3 (Actor_State / Partner_State bit order, LSB first). */
export interface LacpPortState {
  raw: number;
  lacpActivity: boolean; // bit 0: active LACP
  lacpTimeout: boolean; // bit 1: short (fast) timeout
  aggregation: boolean; // bit 2: aggregatable
  synchronization: boolean; // bit 3: in sync
  collecting: boolean; // bit 4
  distributing: boolean; // bit 5
  defaulted: boolean; // bit 6: using defaulted partner info (no LACPDU received)
  expired: boolean; // bit 7: receive machine in EXPIRED state
}

/** One side of the LACP conversation as /proc/net/bonding "details ... lacp pdu" shows it. */
export interface LacpPortInfo {
  systemPriority?: number;
  systemMac?: string;
  key?: number;
  portPriority?: number;
  portNumber?: number;
  state?: LacpPortState;
}

export interface BondSlave {
  name: string;
  miiStatus?: "up" | "down" | "going down" | "going back" | string;
  /** Mbps; undefined when the kernel says "Unknown" or does not print it. */
  speedMbps?: number;
  duplex?: "full" | "half" | "unknown" | string;
  linkFailureCount?: number;
  permanentMac?: string;
  queueId?: number;
  /** 802.3ad aggregator this port is attached to (undefined when hidden or "N/A"). */
  aggregatorId?: number;
  /**
   * Why `aggregatorId` has no value although the source printed the line: "n/a" is the
   * kernel's "Aggregator ID: N/A" (the port is attached to no aggregator); "empty" is a line
   * with no value (truncated or edited input: the aggregator is unknown, not the active one).
   */
  aggregatorAbsent?: "n/a" | "empty";
  actorChurnState?: string;
  partnerChurnState?: string;
  actorChurnedCount?: number;
  partnerChurnedCount?: number;
  actor?: LacpPortInfo;
  partner?: LacpPortInfo;
  /** ip -s link xstats type bond: per-member LACPDU counters. */
  lacpduRx?: number;
  lacpduTx?: number;
  /** Interface-level state from sysfs / ip for this member (filled by the reader). */
  state?: string;
  /** Any "Key: value" line we did not model, kept so nothing is lost. */
  extra: Record<string, string>;
  source: Evidence;
  ev: FieldEvidence<BondSlaveEvidenceKey>;
}

export interface ActiveAggregator {
  id?: number;
  ports?: number;
  actorKey?: number;
  partnerKey?: number;
  partnerMac?: string;
}

export interface Bond8023ad {
  /** lacp_active (kernel >= 5.15, "LACP active: on|off"): off = passive, sends no LACPDU first. */
  lacpActive?: "on" | "off" | string;
  lacpRate?: "slow" | "fast" | string;
  minLinks?: number;
  adSelect?: string;
  systemPriority?: number;
  systemMac?: string;
  activeAggregator?: ActiveAggregator;
}

export interface Bond {
  name: string;
  driverVersion?: string;
  mode: BondMode;
  /** The mode text exactly as the source printed it. */
  modeText?: string;
  xmitHashPolicy?: string;
  miiStatus?: string;
  miimon?: number;
  updelay?: number;
  downdelay?: number;
  peerNotifyDelay?: number;
  arpInterval?: number;
  arpIpTargets?: string[];
  /** IPv6 neighbour-solicitation targets of the ARP/NS monitor (ns_ip6_target, kernel >= 5.19). */
  nsIp6Targets?: string[];
  /** arp_missed_max: missed probes before a member is down (kernel >= 6.0). */
  arpMissedMax?: number;
  arpValidate?: string;
  arpAllTargets?: string;
  primary?: string;
  primaryReselect?: string;
  activeSlave?: string;
  /** none | active | follow (kernel names; numeric 0/1/2 normalised). */
  failOverMac?: string;
  ad?: Bond8023ad;
  slaves: BondSlave[];
  extra: Record<string, string>;
  source: Evidence;
  ev: FieldEvidence<BondEvidenceKey>;
}

export interface TeamPort {
  name: string;
  /** Carrier as teamd sees it (`link.up`). */
  linkUp?: boolean;
  /**
   * teamd's verdict on the port (`link_watches.up`): what teamd uses, not the carrier alone
   * (an arp_ping or nsna_ping watch can be down while the carrier is up).
   */
  linkWatchUp?: boolean;
  /** Each link watch by name ("ethtool", "arp_ping"...) with its own verdict. */
  linkWatches?: Array<{ name: string; up?: boolean; downCount?: number }>;
  speedMbps?: number;
  duplex?: string;
  lacpSelected?: boolean;
  lacpState?: string;
  ev: FieldEvidence<EvidenceKeys<TeamPort>>;
}

export interface Team {
  name: string;
  runner?: string;
  activePort?: string;
  ports: TeamPort[];
  linkWatch?: string[];
  source: Evidence;
  ev: FieldEvidence<EvidenceKeys<Team>>;
}

export interface Address {
  family: "inet" | "inet6";
  address: string;
  prefix: number;
  broadcast?: string;
  /** Alias label such as "lo:0" (IPv4 only). */
  label?: string;
  scope?: string;
  /** Flags such as "deprecated", "nofailover", "secondary". */
  flags: string[];
  source: Evidence;
}

export interface NicDriver {
  driver?: string;
  version?: string;
  firmware?: string;
  busInfo?: string;
  source: Evidence;
}

export interface NetInterface {
  name: string;
  /** ip link "kind": bond, team, veth, vlan, bridge, loopback... */
  kind?: string;
  mac?: string;
  permanentMac?: string;
  mtu?: number;
  operstate?: string;
  carrier?: boolean;
  /** Interface flags as ip/ifconfig print them: UP, LOWER_UP, BROADCAST... */
  flags: string[];
  speedMbps?: number;
  duplex?: string;
  master?: string;
  carrierChanges?: number;
  carrierUpCount?: number;
  carrierDownCount?: number;
  driver?: NicDriver;
  addresses: Address[];
  source: Evidence;
  ev: FieldEvidence<EvidenceKeys<NetInterface>>;
}

export interface Route {
  destination: string; // "default" or CIDR
  gateway?: string;
  dev?: string;
  metric?: number;
  table?: string;
  source: Evidence;
}

export interface Sysctl {
  key: string; // dotted form: net.ipv4.conf.all.arp_ignore
  value: string;
  source: Evidence;
}

/** Where a persistent network configuration came from. */
export type ConfigFormat =
  | "ifcfg"
  | "nmconnection"
  | "netplan"
  | "networkd"
  | "ifupdown"
  | "solaris-hostname";

/**
 * A bond (or team) as the persistent configuration declares it, normalised to the
 * kernel's option names (mode, miimon, lacp_rate, fail_over_mac, primary, arp_interval...)
 * so it can be compared with the running bond.
 */
export interface ConfiguredBond {
  name: string;
  format: ConfigFormat;
  kind: "bond" | "team";
  /** Normalised kernel mode name ("802.3ad", "active-backup"...) when a mode is given. */
  mode?: BondMode;
  members: string[];
  /** Kernel option name -> value as written (after unit/number normalisation where safe). */
  options: Record<string, string>;
  /**
   * Members named by what they match rather than by name (netplan `match:` without
   * `set-name`: a driver, a MAC or a name glob), keyed by the id listed in `members`.
   * Resolve them against the running interfaces; the id itself is no interface name.
   */
  memberMatch?: Record<string, MemberMatch>;
  file: string;
  ev: FieldEvidence<ConfiguredBondEvidenceKey>;
}

/**
 * The bonding options a configuration may set, by the kernel's names
 * (Documentation/networking/bonding.rst), and teamd's (teamd.conf(5)) for teams. An option
 * outside this list is kept in `options` and its line in `ev["option:NAME"]`.
 */
export const BOND_OPTIONS = [
  "active_slave",
  "ad_actor_sys_prio",
  "ad_actor_system",
  "ad_select",
  "ad_user_port_key",
  "all_slaves_active",
  "arp_all_targets",
  "arp_interval",
  "arp_ip_target",
  "arp_missed_max",
  "arp_validate",
  "coupled_control",
  "downdelay",
  "fail_over_mac",
  "lacp_active",
  "lacp_rate",
  "lp_interval",
  "miimon",
  "min_links",
  "mode",
  "ns_ip6_target",
  "num_grat_arp",
  "num_unsol_na",
  "packets_per_slave",
  "peer_notif_delay",
  "primary",
  "primary_reselect",
  "resend_igmp",
  "tlb_dynamic_lb",
  "updelay",
  "use_carrier",
  "xmit_hash_policy",
  // teamd
  "runner",
  "tx_hash",
  "link_watch",
] as const;

export type BondOptionName = (typeof BOND_OPTIONS)[number];

/** `ev.miimon` is the line setting miimon; `ev["member:eth0"]` the line naming member eth0. */
export type ConfiguredBondEvidenceKey =
  | EvidenceKeys<ConfiguredBond>
  | BondOptionName
  | `option:${string}`
  | `member:${string}`;

/** What a configured member matches: every given field must hold (netplan `match:`). */
export interface MemberMatch {
  /** Interface name, possibly a shell glob ("en*"). */
  name?: string;
  mac?: string;
  driver?: string;
}

/** An address the persistent configuration puts on an interface (e.g. a DSR VIP on lo:0). */
export interface ConfiguredAddress {
  iface: string;
  label?: string;
  family: "inet" | "inet6";
  address: string;
  prefix?: number;
  broadcast?: string;
  format: ConfigFormat;
  source: Evidence;
}

/** A Solaris-style IPMP interface (from `ifconfig -a` or /etc/hostname.<if>). */
export interface IpmpInterface {
  name: string;
  /** Logical instance such as "ge0:1" share the physical name "ge0". */
  physical: string;
  group?: string;
  flags: string[];
  standby: boolean;
  deprecated: boolean;
  noFailover: boolean;
  inactive: boolean;
  failed: boolean;
  mac?: string;
  addresses: Array<{
    address: string;
    prefix?: number;
    broadcast?: string;
    test: boolean;
    source: Evidence;
  }>;
  origin: "ifconfig" | "hostname-file";
  source: Evidence;
  ev: FieldEvidence<EvidenceKeys<IpmpInterface>>;
}

export type VirtKind =
  | "none"
  | "virtualbox"
  | "vmware"
  | "kvm"
  | "hyperv"
  | "xen"
  | "aws"
  | "gcp"
  | "azure"
  | "other-vm"
  | "unknown";

export interface Virtualization {
  kind: VirtKind;
  vendor?: string;
  product?: string;
  evidence: Evidence[];
}

/** Input that could not be parsed; becomes an `input-unparseable` finding. */
export class ParseError extends Error {
  override name = "ParseError";
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
    readonly text = "",
    options?: { cause?: unknown },
  ) {
    super(`${file}:${line}: ${message}`, options);
  }
  /** The message without the file:line prefix. */
  get reason(): string {
    return this.message.slice(this.message.indexOf(": ", this.file.length) + 2);
  }
}

/**
 * Input that parsed but contradicts itself or other files (a port naming a bond no file
 * defines, one bond declared twice): a `config-conflict` finding, not `input-unparseable`.
 */
export class ConfigConflict extends ParseError {
  override name = "ConfigConflict";
}

/** Result of a parser: what it could read plus what it could not. */
export interface Parsed<T> {
  value: T;
  problems: ParseError[];
}

/** A routing daemon the host runs or is configured for (FRR, Quagga, BIRD). */
export interface RoutingDaemon {
  suite: string;
  kind: "config" | "process";
  source: Evidence;
}

export interface HostSnapshot {
  /** The root directory the snapshot was read from ("/" for the live host). */
  root: string;
  origin: "live" | "sosreport" | "snapshot" | "directory";
  hostname?: string;
  interfaces: Record<string, NetInterface>;
  bonds: Bond[];
  teams: Team[];
  routes: Route[];
  sysctls: Record<string, Sysctl>;
  configuredBonds: ConfiguredBond[];
  configuredAddresses: ConfiguredAddress[];
  ipmp: IpmpInterface[];
  virtualization: Virtualization;
  /** FRR, Quagga or BIRD, by configuration file or process (a forwarding host with one is a router). */
  routingDaemons: RoutingDaemon[];
  /** LLDP/CDP neighbours per local interface (the watcher's table, lldpd's, or `doctor --pcap`). */
  neighbours: LinkNeighbour[];
  /** Files that could not be parsed (become `input-unparseable` findings). */
  problems: ParseError[];
  /** Facts the reader could not see, e.g. LACP details hidden from non-root users. */
  unseen: string[];
  /** Every file the reader used, relative to root. */
  sources: string[];
}

export function emptySnapshot(root: string, origin: HostSnapshot["origin"]): HostSnapshot {
  return {
    root,
    origin,
    interfaces: {},
    bonds: [],
    teams: [],
    routes: [],
    sysctls: {},
    configuredBonds: [],
    configuredAddresses: [],
    ipmp: [],
    virtualization: { kind: "unknown", evidence: [] },
    routingDaemons: [],
    neighbours: [],
    problems: [],
    unseen: [],
    sources: [],
  };
}
