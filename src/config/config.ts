// The YAML config file (shared with the watcher later). Only the doctor's part exists so far.
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
    })
    .strict();
}

export type LinkguardConfig = Zod.infer<ReturnType<typeof configSchema>>;

export const DEFAULT_CONFIG_PATH = "/etc/linkguard/linkguard.yaml";

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
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.join(".") || "(top level)";
    throw new ConfigError(`${file}: ${path}: ${issue?.message ?? "invalid"}`);
  }
  return result.data;
}

/** Read the config; a missing default file is fine, a missing explicit one is an error. */
export function loadConfig(path: string | undefined): LinkguardConfig {
  const file = path ?? DEFAULT_CONFIG_PATH;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if (path === undefined && (err as NodeJS.ErrnoException).code === "ENOENT") {
      return { doctor: { silence: [] } };
    }
    throw new ConfigError(
      `${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  return parseConfig(text, file);
}

export function silencesOf(config: LinkguardConfig): Silence[] {
  return config.doctor.silence.map((s) => {
    const out: Silence = { rule: s.rule, subject: s.subject };
    if (s.reason !== undefined) out.reason = s.reason;
    return out;
  });
}
