// `doctor --pcap [IFNAME=]FILE`: the LLDP/CDP neighbours a capture holds, as facts for the
// doctor. With IFNAME every capture interface stands for that host interface; without it the
// pcapng interface names are used (a classic pcap has none: say which NIC it was taken on).
import type { LinkNeighbour } from "../host/neighbour.js";
import { isValidIfname } from "../host/read/commands.js";
import { linkNeighboursOf } from "../pcap/analyze/link-neighbours.js";
import { analyzeFile } from "../pcap/analyze-file.js";

export interface PcapArg {
  ifname?: string;
  file: string;
}

/** "eno1=/tmp/eno1.pcap" or "/tmp/any.pcapng". */
export function parsePcapArg(text: string): PcapArg {
  const m = /^([^\s/:=]{1,15})=(.+)$/.exec(text);
  if (m && isValidIfname(m[1] as string)) return { ifname: m[1] as string, file: m[2] as string };
  return { file: text };
}

/** A capture interface label that is a host interface name ("eno1"), not "interface 0". */
const labelIfname = (label: string) =>
  /^(interface|ifindex) \d+$/.test(label) || !isValidIfname(label) ? undefined : label;

export async function readPcapNeighbours(
  args: readonly PcapArg[],
  unseen: string[],
): Promise<LinkNeighbour[]> {
  const out: LinkNeighbour[] = [];
  for (const a of args) {
    const { result, read } = await analyzeFile(
      a.file,
      { name: "neighbors" },
      {
        parallel: { workers: 1 },
      },
    );
    if (read.error !== undefined)
      unseen.push(
        `capture ${a.file}: read stopped at frame ${read.error.frame ?? "?"}: ${read.error.message}`,
      );
    const found = linkNeighboursOf(result, a.file, (label) => a.ifname ?? labelIfname(label));
    const unnamed = result.interfaces.filter(
      (g) => (a.ifname ?? labelIfname(g.interface)) === undefined,
    );
    for (const g of unnamed)
      unseen.push(
        `capture ${a.file}: ${g.neighbors.length} neighbours on ${g.interface}, which names no host interface (give --pcap IFNAME=${a.file})`,
      );
    out.push(...found);
  }
  return out;
}
