// Secrets never leave the host in a snapshot: passwords, PSKs and keys in NetworkManager
// keyfiles, netplan, wpa_supplicant, ifcfg, systemd-networkd and ifupdown files. Pure.

export const REDACTED = "<redacted by linkguard>";

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
    "^private$", // netplan wireguard keys: { private: ..., shared: ... }
    "^shared$",
  ].join("|"),
  "i",
);

/** Keys that mention a secret but only name a mechanism ("key-mgmt", "psk-flags"). */
const NOT_SECRET = /(-mgmt|-flags|_flags|management|-type|_type)$/i;

function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !NOT_SECRET.test(key);
}

const FORMS: RegExp[] = [
  /^(\s*)([\w.@-]+)(\s*=\s*)(.*)$/, // INI, shell, wpa_supplicant: key=value
  /^(\s*-?\s*"?)([\w.@-]+)("?\s*:\s+)(.+)$/, // YAML: key: value
  /^(\s+)([\w-]+)(\s+)(\S.*)$/, // ifupdown: "    wpa-psk secret" (indented option lines)
];

/** Replace the value of every secret-holding key; returns the text and how many were hidden. */
export function redactSecrets(text: string): { text: string; count: number } {
  let count = 0;
  const lines = text.split("\n").map((line) => {
    if (/^\s*[#;]/.test(line)) return line;
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
