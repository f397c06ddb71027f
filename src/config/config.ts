// The YAML config file: the doctor's part is checked here; the watcher checks its own part
// (`watch:`) with its schema and reports errors through configIssue, with the line.
import { readFileSync } from "node:fs";
import type * as Yaml from "yaml";
import type * as Zod from "zod";
import type { Silence } from "../doctor/engine.js";
import { lazyModule } from "../lib/lazy.js";

const yaml = lazyModule<typeof Yaml>("yaml");
const zod = lazyModule<typeof Zod>("zod");

/** Built on first use: zod is loaded only when there is a config file to check. */
function configSchema() {
  const { z } = zod();
  const silenceSchema = z
    .object({
      rule: z.string().regex(/^[a-z0-9-]+$/, "a rule id such as bond-single-slave"),
      subject: z.string().min(1).default("*"),
      reason: z.string().optional(),
    })
    .strict();
  return z
    .object({
      doctor: z
        .object({ silence: z.array(silenceSchema).default([]) })
        .strict()
        .default({ silence: [] }),
      watch: z.unknown().optional(),
      mpath: z.unknown().optional(),
      serve: z.unknown().optional(),
    })
    .strict();
}

export type LinkguardConfig = Zod.infer<ReturnType<typeof configSchema>>;

const DEFAULT_CONFIG_PATH = "/etc/linkguard/linkguard.yaml";

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validate parsed YAML; errors name the file and the field path. */
export function parseConfig(text: string, file: string): LinkguardConfig {
  let data: unknown;
  try {
    data = yaml().parse(text) ?? {};
  } catch (err) {
    throw new ConfigError(`${file}: not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  const result = configSchema().safeParse(data);
  if (!result.success) throw configIssue(text, file, result.error.issues[0]);
  return result.data;
}

/** A ConfigError for a schema issue, naming the file, the line and the key path. */
export function configIssue(
  text: string,
  file: string,
  issue: { path: PropertyKey[]; message: string; keys?: readonly string[] } | undefined,
  prefix: PropertyKey[] = [],
): ConfigError {
  const path = [...prefix, ...(issue?.path ?? [])].filter(
    (p): p is string | number => typeof p !== "symbol",
  );
  const counter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: counter });
  // The deepest node that exists on the path: a missing key is reported at its parent.
  let line: number | undefined;
  // An unknown key (zod's unrecognized_keys) is reported on its own line, not its parent's.
  const unknown = issue?.keys?.[0];
  const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (unknown !== undefined && yaml().isMap(parent)) {
    const pair = parent.items.find((p) => yaml().isScalar(p.key) && p.key.value === unknown);
    const key = pair?.key as { range?: [number, number, number] } | undefined;
    if (key?.range) line = counter.linePos(key.range[0]).line;
  }
  for (let n = path.length; n >= 0 && line === undefined; n--) {
    const node = doc.getIn(path.slice(0, n), true) as
      | { range?: [number, number, number] }
      | undefined;
    if (node?.range) line = counter.linePos(node.range[0]).line;
  }
  const where = line === undefined ? file : `${file}:${line}`;
  return new ConfigError(
    `${where}: ${path.join(".") || "(top level)"}: ${issue?.message ?? "invalid"}`,
  );
}

/** Read the config; a missing default file is fine, a missing explicit one is an error. */
export function loadConfig(path: string | undefined): LinkguardConfig {
  return loadConfigFile(path).config;
}

/** The config with its text and file name, for parts (the watcher's) checked later. */
export function loadConfigFile(path: string | undefined): {
  config: LinkguardConfig;
  text: string;
  file: string;
} {
  const file = path ?? DEFAULT_CONFIG_PATH;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (path === undefined && code === "ENOENT") {
      return { config: { doctor: { silence: [] } }, text: "", file };
    }
    throw new ConfigError(`config file ${file}: ${unreadable(code, err as Error)}`);
  }
  return { config: parseConfig(text, file), text, file };
}

/** Why a config file given with --config cannot be read, and what to do about it. */
function unreadable(code: string | undefined, err: Error): string {
  if (code === "ENOENT")
    return (
      "no such file (given with --config): check the path, or leave --config out to use " +
      `${DEFAULT_CONFIG_PATH} when it exists (docs/config.md)`
    );
  if (code === "EACCES") return "permission denied: run as a user who may read it (or sudo)";
  if (code === "EISDIR") return "is a directory: --config takes the YAML file itself";
  return code ?? err.message;
}

export function silencesOf(config: LinkguardConfig): Silence[] {
  return config.doctor.silence.map((s) => {
    const out: Silence = { rule: s.rule, subject: s.subject };
    if (s.reason !== undefined) out.reason = s.reason;
    return out;
  });
}
