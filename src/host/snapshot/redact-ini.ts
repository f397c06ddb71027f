// NetworkManager keyfiles and systemd-networkd units: INI sections of key=value lines. A
// section known to hold secrets ([vpn-secrets]) has every value redacted; elsewhere the
// values of secret keys. Pure.
import { isSecretKey, REDACTED, type Redacted } from "./redact-lines.js";

const SECRET_SECTIONS: Record<"nm" | "networkd", RegExp> = {
  nm: /secret/i, // [vpn-secrets], and any future [*-secrets]
  networkd: /secret/i,
};

export function redactIni(text: string, flavour: "nm" | "networkd"): Redacted {
  let section = "";
  let count = 0;
  const lines = text.split("\n").map((line) => {
    const head = /^\s*\[([^\]]*)\]/.exec(line);
    if (head) {
      section = head[1] ?? "";
      return line;
    }
    if (/^\s*[#;]/.test(line)) return line;
    const m = /^(\s*)([^=\s][^=]*?)(\s*=\s*)(.*)$/.exec(line);
    if (!m) return line;
    const [, pre, key, sep, value] = m as unknown as [string, string, string, string, string];
    if (value.trim() === "" || value === REDACTED) return line;
    if (!SECRET_SECTIONS[flavour].test(section) && !isSecretKey(key)) return line;
    count++;
    return `${pre}${key}${sep}${REDACTED}`;
  });
  return { text: lines.join("\n"), count };
}
