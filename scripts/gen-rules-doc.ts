// npm run docs: regenerate docs/rules.md and docs/doctor-report.schema.json from the code.
import { writeFileSync } from "node:fs";
import { doctorReportJsonSchema } from "../src/doctor/report-schema.js";
import { RULES } from "../src/doctor/rules/index.js";
import { renderRulesDoc } from "../src/doctor/rules-doc.js";

writeFileSync(new URL("../../docs/rules.md", import.meta.url), renderRulesDoc(RULES));
writeFileSync(
  new URL("../../docs/doctor-report.schema.json", import.meta.url),
  doctorReportJsonSchema(),
);
process.stdout.write(
  `wrote docs/rules.md (${RULES.length} rules) and docs/doctor-report.schema.json\n`,
);
