// A split: ports of one aggregator (same actor system and key) whose PDUs name different
// partner systems, e.g. a bond cabled to two switches that are not an MLAG pair.
import type { LacpPortInfo } from "../decode/slow-protocols.js";
import { hasPartner } from "./lacp-events.js";

export interface LacpSplit {
  actorSystem: string;
  actorKey: number;
  partners: Array<{ system: string; key: number; ports: string[] }>;
  message: string;
}

interface PortView {
  mac: string;
  actor: LacpPortInfo | null;
  partner: LacpPortInfo | null;
}

export function findSplits(ports: readonly PortView[]): LacpSplit[] {
  const groups = new Map<string, Map<string, { system: string; key: number; ports: string[] }>>();
  for (const p of ports) {
    if (p.actor === null || p.partner === null || !hasPartner(p.partner)) continue;
    const group = `${p.actor.system}/${p.actor.key}`;
    let partners = groups.get(group);
    if (partners === undefined) {
      partners = new Map();
      groups.set(group, partners);
    }
    const id = `${p.partner.system}/${p.partner.key}`;
    const entry = partners.get(id) ?? { system: p.partner.system, key: p.partner.key, ports: [] };
    entry.ports.push(p.mac);
    partners.set(id, entry);
  }
  const splits: LacpSplit[] = [];
  for (const [group, partners] of groups) {
    if (partners.size < 2) continue;
    const [actorSystem = "", key = "0"] = group.split("/");
    const list = [...partners.values()];
    const parts = list.map((p) => `${p.ports.join(", ")} see ${p.system} (key ${p.key})`);
    splits.push({
      actorSystem,
      actorKey: Number(key),
      partners: list,
      message: `split aggregator ${actorSystem} key ${key}: ${parts.join("; ")}`,
    });
  }
  return splits;
}
