// Lines a tool writes to stderr about itself. sos stores a command's stderr in the same file
// as its output, so they turn up between interface blocks, before a JSON array or among
// sysctl lines. They are not input a parser should reject: take them out (keeping line
// numbers) and report them, since some of them mean the output is incomplete. Pure.

/** iproute2's own messages, as lib/libnetlink.c prints them. */
const IPROUTE2: readonly RegExp[] = [
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

/** procps sysctl's warnings (sysctl.c): keys it could not read. */
const SYSCTL: readonly RegExp[] = [
  /^sysctl: permission denied on key .+$/,
  /^sysctl: reading key .+$/,
  /^sysctl: cannot stat .+$/,
  /^sysctl: unknown error \d+ reading key .+$/,
];

const NOISE: Record<string, readonly RegExp[]> = { ip: IPROUTE2, sysctl: SYSCTL };

export interface NoiseLine {
  line: number;
  text: string;
}

/** The text with `tool`'s own stderr lines blanked (line numbers kept), and those lines. */
export function splitToolNoise(tool: string, text: string): { text: string; noise: NoiseLine[] } {
  const patterns = NOISE[tool] ?? [];
  const noise: NoiseLine[] = [];
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const t = raw.replace(/\r$/, "").trim();
    if (patterns.some((re) => re.test(t))) {
      noise.push({ line: i + 1, text: t });
      lines[i] = "";
    }
  });
  return noise.length === 0 ? { text, noise } : { text: lines.join("\n"), noise };
}
