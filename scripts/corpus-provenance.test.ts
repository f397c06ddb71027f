import assert from "node:assert/strict";
import { test } from "node:test";
import { corpusProvenanceProblems } from "./corpus-provenance.js";

const HEADER = "file\tsource_repository\tpath_in_source\tcommit\tlicense\twhat_it_shows";
const row = (file: string, license = "MIT") => `${file}\to/r\tp\tabc123\t${license}\tshows`;

test("corpusProvenanceProblems accepts files and a tree that all have rows", () => {
  const tsv = [HEADER, row("pcap/a.pcap"), row("sysfs/x/ (directory tree, 2 files)")].join("\n");
  const files = ["README.md", "PROVENANCE.tsv", "pcap/a.pcap", "sysfs/x/a", "sysfs/x/b/c"];
  assert.deepEqual(corpusProvenanceProblems(files, `${tsv}\n`), []);
});

test("corpusProvenanceProblems names a sample without a row and a row without a sample", () => {
  const tsv = [HEADER, row("pcap/a.pcap"), row("pcap/gone.pcap")].join("\n");
  assert.deepEqual(corpusProvenanceProblems(["pcap/a.pcap", "pcap/new.pcap"], tsv), [
    "PROVENANCE.tsv: pcap/gone.pcap: no such file",
    "pcap/new.pcap: no row in PROVENANCE.tsv (source, path, commit, licence)",
  ]);
});

test("corpusProvenanceProblems wants a licence on every row and the expected header", () => {
  assert.deepEqual(corpusProvenanceProblems(["a.txt"], [HEADER, row("a.txt", "")].join("\n")), [
    "PROVENANCE.tsv: a.txt: a column of file, source_repository, path_in_source, commit, license is empty",
  ]);
  assert.match(corpusProvenanceProblems([], "name\tlicence\n")[0] ?? "", /header must start/);
});
