// Every verb reads the config file through here, and the whole file is checked each time:
// every section (doctor, watch, mpath, serve) and every silence's rule id. One file, one
// verdict: a typo is an error in `doctor`, `watch`, `mpath` and `serve` alike, never a
// setting one verb quietly ignores. The section checkers (and zod) load only when there is
// a file to check: most doctor runs have none.
import { configIssue, type LinkguardConfig, loadConfigFile } from "./config.js";

export interface CheckedConfig {
  config: LinkguardConfig;
  text: string;
  file: string;
}

export async function loadCheckedConfig(path: string | undefined): Promise<CheckedConfig> {
  const file = loadConfigFile(path);
  if (file.text !== "") await checkConfig(file.config, file.text, file.file);
  return file;
}

/** Throws a ConfigError (file, line, key) for the first mistake anywhere in the file. */
async function checkConfig(config: LinkguardConfig, text: string, file: string): Promise<void> {
  const [{ RULES }, { parseWatchConfig }, { parseMpathConfig }, { parseServeConfig }] =
    await Promise.all([
      import("../doctor/rules/index.js"),
      import("../watch/config.js"),
      import("../mpath/config.js"),
      import("../web/config.js"),
    ]);
  const known = new Set(RULES.map((r) => r.id));
  config.doctor.silence.forEach((s, i) => {
    if (!known.has(s.rule))
      throw configIssue(text, file, {
        path: ["doctor", "silence", i, "rule"],
        message: `no rule "${s.rule}" (linkguard doctor --list-rules lists every rule id)`,
      });
  });
  parseWatchConfig(config.watch, text, file);
  parseMpathConfig(config.mpath, text, file);
  parseServeConfig(config.serve, text, file);
}
