// netplan and any other YAML: through the YAML parser, so flow style ({password: x}),
// quoting and multi-line scalars are understood. Values are replaced in the original text
// (by the parser's source ranges): everything else keeps its bytes. Pure.
import { isCollection, isScalar, parseAllDocuments, visit } from "yaml";
import { isSecretKey, REDACTED, type Redacted, redactSecrets } from "./redact-lines.js";

/** Mappings whose every value is secret, but for the keys that only name a mechanism. */
const SECRET_SECTIONS = new Set(["keys", "auth"]);
const SAFE_IN_SECTION = new Set([
  "public", // a wireguard public key
  "key-management",
  "method",
  "phase2-auth",
  "ca-certificate",
  "client-certificate",
]);

export function redactYaml(text: string): Redacted {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return redactSecrets(text);
  const spans: Array<[number, number]> = [];
  for (const doc of docs) {
    visit(doc, {
      Pair(_, pair, path) {
        if (!isScalar(pair.key) || pair.value === null || pair.value === undefined) return;
        const key = String(pair.key.value);
        const parent = path.at(-2);
        const section =
          parent !== undefined && "key" in (parent as object)
            ? String((parent as { key: { value?: unknown } }).key?.value ?? "")
            : "";
        const secret =
          isSecretKey(key) || (SECRET_SECTIONS.has(section) && !SAFE_IN_SECTION.has(key));
        if (!secret) return;
        const node = pair.value as { range?: [number, number, number] };
        if (!node.range) return;
        if (isScalar(node) || isCollection(node) || "source" in node) {
          spans.push([node.range[0], node.range[1]]);
          return visit.SKIP;
        }
      },
    });
  }
  let out = text;
  for (const [start, end] of spans.sort((a, b) => b[0] - a[0]))
    out = `${out.slice(0, start)}"${REDACTED}"${out.slice(end)}`;
  return { text: out, count: spans.length };
}
