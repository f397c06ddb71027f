// Secrets never leave the host in a snapshot. Each format is redacted by understanding it
// (YAML through the YAML parser, INI sections, shell assignments); what is not understood
// falls back to redacting per line. The rule in every format: the value of a key known to
// hold secrets, and every value of a section known to hold them, is replaced. Pure.
import { redactIni } from "./redact-ini.js";
import type { Redacted } from "./redact-lines.js";
import { redactSecrets } from "./redact-lines.js";
import { redactShell } from "./redact-shell.js";
import { redactYaml } from "./redact-yaml.js";

export { REDACTED, redactSecrets } from "./redact-lines.js";

/** Redacts one file of the snapshot, by the format its path says it is in. */
export function redactFile(rel: string, text: string): Redacted {
  const name = rel.slice(rel.lastIndexOf("/") + 1);
  if (/\.ya?ml$/i.test(name)) return redactYaml(text);
  if (name.endsWith(".nmconnection") || rel.includes("/system-connections/"))
    return redactIni(text, "nm");
  if (/\.(network|netdev|link)$/.test(name) && rel.includes("systemd/network"))
    return redactIni(text, "networkd");
  if (/^keys-/.test(name)) return redactShell(text, { everything: true });
  if (/^ifcfg-/.test(name) || rel.includes("sysconfig/")) return redactShell(text);
  return redactSecrets(text);
}
