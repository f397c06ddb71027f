// The system tools linkguard runs, the Debian package of each, and the check a feature makes
// when it starts: a missing tool is an error that names the tool and its package, never a
// feature that quietly does less (a missing `ping` must not read as an outage).
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** Tool -> Debian package (the same names on Ubuntu). */
const TOOL_PACKAGES = {
  ip: "iproute2",
  bridge: "iproute2",
  ping: "iputils-ping",
  arping: "iputils-arping",
  tcpdump: "tcpdump",
  ethtool: "ethtool",
  teamdctl: "libteam-utils",
  nft: "nftables",
  stdbuf: "coreutils",
  // frames from a raw packet socket (LLDP/CDP senders, the storm fault): node has none
  python3: "python3",
  // read by doctor and snapshot only, each optional: a missing one is listed under "Not seen"
  dmidecode: "dmidecode",
  lldpcli: "lldpd",
  ps: "procps",
  sysctl: "procps",
  ifconfig: "net-tools",
  dmesg: "util-linux",
  uname: "coreutils",
} as const;

export type Tool = keyof typeof TOOL_PACKAGES;

export class MissingToolError extends Error {
  override name = "MissingToolError";
  constructor(
    readonly feature: string,
    readonly tools: readonly Tool[],
  ) {
    super(
      `${feature} needs ${tools.map(withPackage).join(", ")}, not found on PATH; ` +
        `install: apt install ${[...new Set(tools.map((t) => TOOL_PACKAGES[t]))].join(" ")}`,
    );
  }
}

/** The Debian package of a tool linkguard knows, else undefined. */
export function packageOf(tool: string): string | undefined {
  return (TOOL_PACKAGES as Record<string, string | undefined>)[tool];
}

/** "arping (package iputils-arping)". */
export function withPackage(tool: string): string {
  const pkg = packageOf(tool);
  return pkg ? `${tool} (package ${pkg})` : tool;
}

/** Is `tool` an executable file in one of PATH's directories? */
export function onPath(tool: string, path = process.env.PATH ?? ""): boolean {
  for (const dir of path.split(delimiter)) {
    if (dir === "") continue;
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

/** Throws a MissingToolError naming every tool of `tools` that is not on PATH. */
export function requireTools(feature: string, tools: readonly Tool[], path?: string): void {
  const missing = [...new Set(tools)].filter((t) => !onPath(t, path));
  if (missing.length > 0) throw new MissingToolError(feature, missing);
}
