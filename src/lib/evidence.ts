// The line of input that proves a fact: what parsers record and findings quote.

/** A line of input that proves a fact. `line` is 1-based; 0 means "the whole file". */
export interface Evidence {
  file: string;
  line: number;
  text: string;
}
