// Faults a lab can inject on a link, each undone by `restore`. All act on the switch side,
// as a real switch port or upstream fault would; the host under test is never touched.
import { run } from "../host/exec.js";
import { requireTools, type Tool } from "../host/tools.js";
import type { IpBatch } from "./ip-batch.js";
import { execIn, ipIn, type Lab, setSysctl } from "./lab.js";
import { findLink, type Link } from "./topology.js";

export const FAULT_KINDS = [
  "cut",
  "silent-drop",
  "tx-drop",
  "loss",
  "gateway-loss",
  "flap",
  "arp-conflict",
  "restore",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  /** loss: percent of frames dropped each way. */
  percent?: number;
  /** flap: number of down/up cycles and the time between changes. */
  count?: number;
  intervalMs?: number;
  /** gateway-loss: the link of the gateway, whose traffic with this link is dropped. */
  peer?: string;
  /** arp-conflict: the address the host starts answering ARP for. */
  address?: string;
  /** A running `ip -batch` in the link's switch namespace: cut lands in ~1 ms. */
  batch?: IpBatch;
}

export const FAULT_HELP: Record<FaultKind, string> = {
  cut: "carrier down: the switch-side port goes down (a pulled cable)",
  "silent-drop": "carrier stays up, every frame is lost (bridge port disabled)",
  "tx-drop": "frames from the host are lost, frames to it still arrive (incident 004)",
  loss: "random loss of --percent P of frames each way (nftables numgen)",
  "gateway-loss": "only traffic between this link and --peer (the gateway's link) is lost",
  flap: "--count N down/up cycles, --interval-ms apart",
  "arp-conflict": "the link's host starts answering ARP for --address (on lo, arp_ignore=0)",
  restore: "undo every fault on the link",
};

/** The tools each fault runs (besides `ip`), checked before it starts. */
export const FAULT_TOOLS: Record<FaultKind, readonly Tool[]> = {
  cut: ["ip"],
  "silent-drop": ["bridge"],
  "tx-drop": ["ip", "nft"],
  loss: ["ip", "nft"],
  "gateway-loss": ["ip", "nft"],
  flap: ["ip"],
  "arp-conflict": ["ip"],
  restore: ["ip", "bridge"],
};

function tableName(link: Link): string {
  return `lg_${link.port.replace(/[^a-zA-Z0-9_]/g, "_")}`;
}

async function nftRules(lab: Lab, link: Link, rules: string[]): Promise<void> {
  const table = tableName(link);
  await dropTable(lab, link);
  const text = `table bridge ${table} {\n  chain fault {\n    type filter hook forward priority 0; policy accept;\n${rules
    .map((r) => `    ${r}\n`)
    .join("")}  }\n}\n`;
  await run(["ip", "netns", "exec", lab.ns(link.switch), "nft", "-f", "-"], { input: text });
}

async function dropTable(lab: Lab, link: Link): Promise<void> {
  await execIn(lab.ns(link.switch), ["nft", "delete", "table", "bridge", tableName(link)]).catch(
    () => undefined,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Applies a fault to a link ("host:ifname" or a unique "ifname"). */
export async function injectFault(
  lab: Lab,
  linkId: string,
  kind: FaultKind,
  opts: FaultOptions = {},
): Promise<void> {
  requireTools(`lab fault ${kind}`, FAULT_TOOLS[kind]);
  const link = findLink(lab.topology, linkId);
  const sw = lab.ns(link.switch);
  switch (kind) {
    case "cut":
      if (opts.batch?.ns === sw) await opts.batch.send(["link", "set", link.port, "down"]);
      else await ipIn(sw, ["link", "set", link.port, "down"]);
      return;
    case "silent-drop":
      await run(["bridge", "-n", sw, "link", "set", "dev", link.port, "state", "0"]);
      return;
    case "tx-drop":
      await nftRules(lab, link, [`iifname "${link.port}" drop`]);
      return;
    case "loss": {
      const p = opts.percent ?? 50;
      if (!Number.isInteger(p) || p < 1 || p > 100)
        throw new Error(`loss: --percent must be 1-100, got ${p}`);
      await nftRules(lab, link, [
        `iifname "${link.port}" numgen random mod 100 < ${p} drop`,
        `oifname "${link.port}" numgen random mod 100 < ${p} drop`,
      ]);
      return;
    }
    case "gateway-loss": {
      if (!opts.peer)
        throw new Error("gateway-loss needs --peer (the gateway's link, e.g. gw:eth0)");
      const peer = findLink(lab.topology, opts.peer);
      await nftRules(lab, link, [
        `iifname "${link.port}" oifname "${peer.port}" drop`,
        `iifname "${peer.port}" oifname "${link.port}" drop`,
      ]);
      return;
    }
    case "flap": {
      const count = opts.count ?? 3;
      const interval = opts.intervalMs ?? 500;
      if (count < 1 || count > 1000) throw new Error(`flap: --count must be 1-1000, got ${count}`);
      for (let i = 0; i < count; i++) {
        await ipIn(sw, ["link", "set", link.port, "down"]);
        await sleep(interval);
        await ipIn(sw, ["link", "set", link.port, "up"]);
        if (i + 1 < count) await sleep(interval);
      }
      return;
    }
    case "arp-conflict": {
      if (!opts.address) throw new Error("arp-conflict needs --address (e.g. the VIP)");
      const ns = lab.ns(link.host);
      await ipIn(ns, ["address", "replace", `${opts.address}/32`, "dev", "lo"]);
      for (const scope of ["all", link.ifname]) {
        await setSysctl(ns, `net.ipv4.conf.${scope}.arp_ignore`, "0");
        await setSysctl(ns, `net.ipv4.conf.${scope}.arp_announce`, "0");
      }
      return;
    }
    case "restore": {
      await ipIn(sw, ["link", "set", link.port, "up"]);
      await run(["bridge", "-n", sw, "link", "set", "dev", link.port, "state", "3"]);
      await dropTable(lab, link);
      // arp-conflict changed the host's ARP sysctls: put back what the topology says.
      const host = lab.topology.hosts.find((h) => h.name === link.host);
      for (const [k, v] of Object.entries(host?.sysctls ?? {}))
        await setSysctl(lab.ns(link.host), k, v);
      return;
    }
  }
}
