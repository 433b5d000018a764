// A problem found in an input file, located so an analyst can fix it: which file, line and column,
// the value found and what was expected. Every layer reports input problems in this one shape.

export interface Problem {
  file: string;
  /** 1-based line in the file where the row starts (the header is line 1). */
  line: number;
  column: string;
  value: string;
  message: string;
}

/** `file:line column NAME ("value"): why`, as the command-line tools print a problem. */
export function describeProblem(p: Problem): string {
  return `${p.file}:${p.line}${p.column ? ` column ${p.column}` : ""}${p.value ? ` (${JSON.stringify(p.value)})` : ""}: ${p.message}`;
}
