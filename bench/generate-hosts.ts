// Synthetic snapshot directories (sosreport layout) with mixed bond modes and faults.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const MODES = [
  ["IEEE 802.3ad Dynamic link aggregation", "802.3ad"],
  ["fault-tolerance (active-backup)", "active-backup"],
  ["load balancing (round-robin)", "balance-rr"],
  ["load balancing (xor)", "balance-xor"],
] as const;

function put(root: string, rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

function slaveBlock(name: string, i: number, lacp: boolean, up: boolean, partner: string): string {
  const lines = [
    `Slave Interface: ${name}`,
    `MII Status: ${up ? "up" : "down"}`,
    `Speed: ${up ? "10000 Mbps" : "Unknown"}`,
    `Duplex: ${up ? "full" : "Unknown"}`,
    `Link Failure Count: ${i % 7}`,
    `Permanent HW addr: 52:54:00:00:${String(i).padStart(2, "0")}:0${i % 10}`,
    "Slave queue ID: 0",
  ];
  if (lacp) {
    lines.push(
      "Aggregator ID: 1",
      "Actor Churn State: none",
      "Partner Churn State: none",
      "Actor Churned Count: 0",
      "Partner Churned Count: 0",
      "details actor lacp pdu:",
      "    system priority: 65535",
      "    system mac address: 52:54:00:aa:bb:cc",
      "    port key: 15",
      "    port priority: 255",
      `    port number: ${i + 1}`,
      `    port state: ${partner.startsWith("00:00") ? 71 : 63}`,
      "details partner lacp pdu:",
      "    system priority: 32768",
      `    system mac address: ${partner}`,
      "    oper key: 1",
      "    port priority: 32768",
      `    port number: ${i + 1}`,
      `    port state: ${partner.startsWith("00:00") ? 1 : 63}`,
    );
  }
  return lines.join("\n");
}

/** Write host number n; its faults are a deterministic function of n. */
export function writeHost(root: string, n: number): void {
  const [modeText, mode] = MODES[n % MODES.length] as (typeof MODES)[number];
  const lacp = mode === "802.3ad";
  const partner = n % 5 === 0 ? "00:00:00:00:00:00" : "00:23:04:ee:be:64";
  const miimon = n % 11 === 0 ? 0 : 100;
  const slaves = ["ens1f0", "ens1f1"];
  const head = [
    "Ethernet Channel Bonding Driver: v3.7.1 (April 27, 2011)",
    "",
    `Bonding Mode: ${modeText}`,
    mode === "active-backup"
      ? "Currently Active Slave: ens1f0"
      : "Transmit Hash Policy: layer2 (0)",
    "MII Status: up",
    `MII Polling Interval (ms): ${miimon}`,
    "Up Delay (ms): 0",
    "Down Delay (ms): 0",
    "",
  ];
  if (lacp) {
    head.push(
      "802.3ad info",
      "LACP rate: slow",
      "Min links: 0",
      "Aggregator selection policy (ad_select): stable",
      "Active Aggregator Info:",
      "\tAggregator ID: 1",
      "\tNumber of ports: 2",
      "\tActor Key: 15",
      "\tPartner Key: 1",
      `\tPartner Mac Address: ${partner}`,
      "",
    );
  }
  const body = slaves
    .map((s, i) => slaveBlock(s, i, lacp, !(n % 3 === 0 && i === 1), partner))
    .join("\n\n");
  put(root, "proc/net/bonding/bond0", `${head.join("\n")}\n${body}\n`);
  put(root, "hostname", `bench-${n}\n`);
  put(
    root,
    "etc/sysconfig/network-scripts/ifcfg-bond0",
    `DEVICE=bond0\nTYPE=Bond\nBONDING_MASTER=yes\nBONDING_OPTS="mode=${n % 13 === 0 ? "active-backup" : mode} miimon=100"\nIPADDR=10.0.${n % 250}.10\nPREFIX=24\n`,
  );
  for (const s of slaves)
    put(root, `etc/sysconfig/network-scripts/ifcfg-${s}`, `DEVICE=${s}\nMASTER=bond0\nSLAVE=yes\n`);
  const addr = [
    "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000",
    "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
    "    inet 127.0.0.1/8 scope host lo",
    ...(n % 4 === 1 ? [`    inet 10.9.${n % 250}.1/32 scope global lo:0`] : []),
    "4: bond0: <BROADCAST,MULTICAST,MASTER,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000",
    "    link/ether 52:54:00:aa:bb:cc brd ff:ff:ff:ff:ff:ff",
    `    inet 10.0.${n % 250}.10/24 brd 10.0.${n % 250}.255 scope global bond0`,
  ];
  put(root, "sos_commands/networking/ip_-d_address", `${addr.join("\n")}\n`);
  put(
    root,
    "sos_commands/kernel/sysctl_-a",
    `net.ipv4.conf.all.arp_ignore = ${n % 2}\nnet.ipv4.conf.all.arp_announce = ${n % 2 ? 2 : 0}\n`,
  );
  if (n % 6 === 0) {
    put(root, "sys/class/dmi/id/sys_vendor", "innotek GmbH\n");
    put(root, "sys/class/dmi/id/product_name", "VirtualBox\n");
  }
  put(root, "sos_logs/sos.log", "");
}
