// Secrets in a line-oriented file no parser claims: the value of every secret-holding key
// per line, also inside a YAML flow mapping on the line. The key list is shared by every
// format's redactor. Pure.

export const REDACTED = "<redacted by linkguard>";

export interface Redacted {
  text: string;
  count: number;
}

// Key names that hold secrets in any of those formats (matched case-insensitively).
const SECRET_KEY = new RegExp(
  [
    "psk",
    "pass(word|wd|phrase)",
    "secret",
    "private[-_]?key",
    "pre[-_]?shared[-_]?key",
    "wep[-_]?key\\d*",
    "^key\\d*$", // ifcfg keys-<if>: KEY1=..., MACsec Key=
    "^pin$",
    "token",
    "^private$", // netplan wireguard keys: { private: ..., shared: ... }
    "^shared$",
  ].join("|"),
  "i",
);

/** Keys that mention a secret but only name a mechanism ("key-mgmt", "psk-flags"). */
const NOT_SECRET = /(-mgmt|-flags|_flags|management|-type|_type)$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !NOT_SECRET.test(key);
}

const FORMS: RegExp[] = [
  /^(\s*)([\w.@-]+)(\s*=\s*)(.*)$/, // INI, shell, wpa_supplicant: key=value
  /^(\s*-?\s*"?)([\w.@-]+)("?\s*:\s+)(.+)$/, // YAML: key: value
  /^(\s+)([\w-]+)(\s+)(\S.*)$/, // ifupdown: "    wpa-psk secret" (indented option lines)
];

/** `key: value` pairs inside YAML flow mappings ({password: x, shared: "y"}). */
const FLOW_PAIR = /([\w.@-]+)(\s*:\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^,}\]\s][^,}\]]*)/g;

/**
 * Per line, for files no parser claims (and YAML the parser rejects): the value of every
 * secret-holding key, also inside a flow mapping on the line.
 */
export function redactSecrets(text: string): Redacted {
  let count = 0;
  const lines = text.split("\n").map((line) => {
    if (/^\s*[#;]/.test(line)) return line;
    if (line.includes("{")) {
      const out = line.replace(FLOW_PAIR, (all, key: string, sep: string, value: string) => {
        if (!isSecretKey(key) || value.includes(REDACTED)) return all;
        count++;
        return `${key}${sep}"${REDACTED}"`;
      });
      if (out !== line) return out;
    }
    for (const form of FORMS) {
      const m = form.exec(line);
      if (!m) continue;
      const [, pre, key, sep, value] = m as unknown as [string, string, string, string, string];
      if (!isSecretKey(key) || value.trim() === "" || value.includes(REDACTED)) return line;
      count++;
      return `${pre}${key}${sep}${REDACTED}`;
    }
    return line;
  });
  return { text: lines.join("\n"), count };
}
