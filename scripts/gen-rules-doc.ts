// npm run docs: regenerate docs/rules.md and the JSON schemas of the doctor's reports (one
// host, and the fleet) from the code.
import { writeFileSync } from "node:fs";
import { doctorFleetJsonSchema } from "../src/doctor/fleet-report-schema.js";
import { doctorReportJsonSchema } from "../src/doctor/report-schema.js";
import { RULES } from "../src/doctor/rules/index.js";
import { renderRulesDoc } from "../src/doctor/rules-doc.js";

const docs = (name: string) => new URL(`../../docs/${name}`, import.meta.url);
writeFileSync(docs("rules.md"), renderRulesDoc(RULES));
writeFileSync(docs("doctor-report.schema.json"), doctorReportJsonSchema());
writeFileSync(docs("doctor-fleet.schema.json"), doctorFleetJsonSchema());
process.stdout.write(
  `wrote docs/rules.md (${RULES.length} rules), docs/doctor-report.schema.json and docs/doctor-fleet.schema.json\n`,
);
