// Who claimed an address, in order: one change of owner is a move (a failover; announced or
// not by a gratuitous ARP / unsolicited NA), owners alternating within a short window is a
// conflict (two hosts answering for one address).
import { roundTs } from "./analyzer.js";

interface OwnerChange {
  frame: number;
  ts: number;
  from: string;
  to: string;
  /** The claim that took over was a gratuitous ARP or an unsolicited NA. */
  announced: boolean;
}

export interface IpClaims {
  ip: string;
  /** The MAC that claimed it last. */
  owner: string;
  owners: Map<string, { claims: number; firstFrame: number; lastFrame: number }>;
  /** The first 1000 changes; `changeCount` counts them all. */
  changes: OwnerChange[];
  changeCount: number;
}

export interface ArpMove extends OwnerChange {
  ip: string;
  message: string;
}

export interface ArpConflict {
  ip: string;
  macs: Array<{ mac: string; claims: number; firstFrame: number; lastFrame: number }>;
  changes: number;
  firstFrame: number;
  lastFrame: number;
  message: string;
}

function moveOf(ip: string, c: OwnerChange): ArpMove {
  const how = c.announced
    ? "announced by a gratuitous ARP / unsolicited NA"
    : "not announced: neighbours keep the old MAC until their entry expires";
  return {
    ip,
    ...c,
    ts: roundTs(c.ts),
    message: `${ip} moved from ${c.from} to ${c.to} at frame ${c.frame} (${how})`,
  };
}

function conflictOf(c: IpClaims): ArpConflict {
  const macs = [...c.owners]
    .map(([mac, o]) => ({ mac, ...o }))
    .sort((a, b) => b.claims - a.claims || a.firstFrame - b.firstFrame);
  const firstFrame = Math.min(...macs.map((m) => m.firstFrame));
  const lastFrame = Math.max(...macs.map((m) => m.lastFrame));
  const who = macs.map((m) => `${m.mac} (${m.claims}x)`).join(", ");
  return {
    ip: c.ip,
    macs,
    changes: c.changeCount,
    firstFrame,
    lastFrame,
    message: `${c.ip} claimed by ${macs.length} MACs in turn: ${who}; owner changed ${c.changeCount} times between frames ${firstFrame} and ${lastFrame}`,
  };
}

export function classifyClaims(
  all: Iterable<IpClaims>,
  conflictWindow: number,
): { moves: ArpMove[]; conflicts: ArpConflict[] } {
  const moves: ArpMove[] = [];
  const conflicts: ArpConflict[] = [];
  for (const c of all) {
    if (c.changeCount === 0) continue;
    const close = c.changes.some((ch, i) => {
      const next = c.changes[i + 1];
      return next !== undefined && next.ts - ch.ts < conflictWindow;
    });
    if (close) conflicts.push(conflictOf(c));
    else for (const ch of c.changes) moves.push(moveOf(c.ip, ch));
  }
  moves.sort((a, b) => a.frame - b.frame);
  conflicts.sort((a, b) => a.firstFrame - b.firstFrame);
  return { moves, conflicts };
}
