// `mpath run`'s configuration: the whole file checked as every verb checks it, mpath's
// section parsed, and at least one group, or an error that says where to add one.
import { ConfigError } from "../config/config.js";
import { type CheckedConfig, loadCheckedConfig } from "../config/load.js";
import { type MpathConfig, parseMpathConfig } from "./config.js";

/** mpath's section of a checked file; throws a ConfigError when it has no group. */
export function mpathRunConfig(file: CheckedConfig): MpathConfig {
  const cfg = parseMpathConfig(file.config.mpath, file.text, file.file);
  if (cfg.groups.length > 0) return cfg;
  throw new ConfigError(
    file.text === ""
      ? `no config file at ${file.file}: mpath run needs one with mpath.groups (docs/mpath.md), or --config FILE`
      : `${file.file}: no mpath groups configured: add mpath.groups (docs/mpath.md)`,
  );
}

export async function loadMpathRunConfig(path: string | undefined): Promise<MpathConfig> {
  return mpathRunConfig(await loadCheckedConfig(path));
}
