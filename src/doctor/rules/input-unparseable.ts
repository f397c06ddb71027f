// Input linkguard could not read becomes a finding with file and line: never a crash, never silence.
import type { ParseError } from "../../host/model.js";
import { ConfigConflict } from "../../host/model.js";
import type { Finding, Rule } from "../types.js";

const ID = "input-unparseable";

/** Files whose name says which interface or bond they describe. */
const SUBJECT_FROM_PATH: RegExp[] = [
  /(?:^|\/)(?:ifcfg|route6?|rule6?)-([^/]+)$/,
  /(?:^|\/)hostname6?\.([^/]+)$/,
  /(?:^|\/)proc\/net\/bonding\/([^/]+)$/,
  /(?:^|\/)sys\/class\/net\/([^/]+)\//,
  /(?:^|\/)teamdctl_([^/_]+)_(?:state|config)/,
];

/** The interface or bond a file is about, else the file itself. */
export function subjectOf(file: string): string {
  for (const re of SUBJECT_FROM_PATH) {
    const m = re.exec(file);
    if (m?.[1]) return m[1];
  }
  return file;
}

/** The path as the user would type it on the host (or inside the unpacked report). */
function hostPath(root: string, file: string): string {
  if (file.startsWith("/")) return file;
  return `${root.endsWith("/") ? root : `${root}/`}${file}`;
}

function toFinding(root: string, e: ParseError): Finding {
  const where = e.line > 0 ? `${e.file} line ${e.line}` : e.file;
  const path = hostPath(root, e.file);
  return {
    rule: ID,
    severity: "warning",
    subject: subjectOf(e.file),
    title: `could not read ${where}: ${e.reason}`,
    explanation:
      `linkguard could not make sense of ${where}, so the facts in it are missing from this diagnosis. ` +
      "The other rules still ran, but any finding that depends on this file may be missing or incomplete — do not read the absence of a finding about it as a clean bill of health. " +
      "It can be a damaged or truncated file (a cut sosreport, a half-written config), a format or kernel version linkguard does not know yet, or a real syntax error that the owning tool would also reject.",
    evidence: [{ file: e.file, line: e.line, text: e.text }],
    fix: [
      e.line > 0 ? `sed -n '${e.line}p' ${path}` : `head -n 20 ${path}`,
      "# if the tool that owns this file rejects it too, correct the line; if the line is valid, report it to linkguard with the file attached",
    ],
  };
}

export const rule: Rule = {
  id: ID,
  title: "A file or command output could not be parsed",
  severity: "warning",
  doc: {
    what: "Turns every parse error a reader met (a line of /proc/net/bonding, an ifcfg or netplan file, a sysctl dump, `ifconfig -a` output...) into a finding naming the file and the line.",
    why: "A diagnosis built on a file linkguard could not read is incomplete: the other rules still run, but they may miss facts from that file. Saying so — instead of crashing or skipping silently — keeps a clean report trustworthy.",
    evidence:
      "The file, the line number (0 for the whole file) and the text of the line that could not be parsed.",
    fix: "Look at the line (`sed -n 'Np' FILE`). Correct it if the tool that owns the file would reject it too; otherwise report it as a linkguard parser gap, with the file.",
    references: [
      "kernel Documentation/networking/bonding.rst (the /proc/net/bonding format)",
      "sos report(1): the layout linkguard reads",
    ],
  },
  // Files that parsed but contradict each other are config-conflict's.
  check: (s) =>
    s.problems.filter((e) => !(e instanceof ConfigConflict)).map((e) => toFinding(s.root, e)),
};
