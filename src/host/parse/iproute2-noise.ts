// Lines iproute2 writes to stderr about its own netlink dump (lib/libnetlink.c). sos stores a
// command's stderr in the same file as its output, so they turn up between interface blocks
// or before a JSON array. They are not input a parser should reject: take them out (keeping
// line numbers) and report them, since some of them mean the dump is incomplete. Pure.

/** iproute2's own messages, as lib/libnetlink.c prints them. */
const NOISE: readonly RegExp[] = [
  /^Message truncated!?$/,
  /^Dump was interrupted and may be inconsistent\.?$/,
  /^!!!Deficit \d+, rta_len=\d+$/,
  /^!!!Remnant of size \d+$/,
  /^EOF on netlink$/,
  /^Dump terminated$/,
  /^Cannot send dump request: .+$/,
  /^Cannot open netlink socket: .+$/,
  /^netlink receive error .+$/,
];

export interface NoiseLine {
  line: number;
  text: string;
}

/** The text with iproute2's stderr lines blanked (line numbers kept), and those lines. */
export function splitIproute2Noise(text: string): { text: string; noise: NoiseLine[] } {
  const noise: NoiseLine[] = [];
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const t = raw.replace(/\r$/, "").trim();
    if (NOISE.some((re) => re.test(t))) {
      noise.push({ line: i + 1, text: t });
      lines[i] = "";
    }
  });
  return noise.length === 0 ? { text, noise } : { text: lines.join("\n"), noise };
}
