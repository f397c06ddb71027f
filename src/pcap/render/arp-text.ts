// `pcap arp` as text: counts, then moves, conflicts, announcements and unanswered requests.
import type { ArpReport } from "../analyze/arp.js";
import { type CaptureInfo, renderCaptureHeader } from "./capture.js";
import { count, table, when } from "./format.js";

export function renderArpText(r: ArpReport, capture: CaptureInfo): string {
  const lines = renderCaptureHeader(capture);
  lines.push(
    `ARP: ${count(r.requests)} requests, ${count(r.replies)} replies, ${count(r.gratuitous)} gratuitous, ${count(r.probes)} probes`,
    `ND:  ${count(r.solicitations)} neighbour solicitations, ${count(r.advertisements)} advertisements (${count(r.unsolicitedAdvertisements)} unsolicited)`,
  );
  if (r.conflicts.length > 0) {
    lines.push("", "addresses claimed by more than one MAC:");
    for (const c of r.conflicts) lines.push(`  ! ${c.message}`);
  }
  if (r.moves.length > 0) {
    lines.push("", "addresses that moved to another MAC:");
    for (const m of r.moves) lines.push(`  - ${m.message}`);
  }
  if (r.announcements.length > 0) {
    lines.push("", "gratuitous announcements:");
    const rows = r.announcements.map((a) => [
      `#${a.frame}`,
      when(a.ts),
      a.ip,
      "is-at",
      a.mac,
      a.kind,
    ]);
    lines.push(...table(rows));
  }
  if (r.macsWithSeveralIps.length > 0) {
    lines.push("", "MACs claiming several addresses:");
    for (const m of r.macsWithSeveralIps) lines.push(`  ${m.mac}: ${m.ips.join(", ")}`);
  }
  if (r.unanswered.length > 0) {
    lines.push("", "requests never answered in the capture:");
    const rows = r.unanswered.map((u) => [
      u.ip,
      u.protocol,
      `${count(u.requests)} request${u.requests === 1 ? "" : "s"}`,
      `frames ${u.firstFrame}..${u.lastFrame}`,
      `asked by ${u.askedBy.join(", ")}`,
    ]);
    lines.push(...table(rows));
  }
  return `${lines.join("\n")}\n`;
}
