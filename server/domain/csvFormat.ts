// The shapes an uploaded CSV may take (README "Uploads"): the delimiters spreadsheets in different
// locales export, and the long and wide layouts.

export const DELIMITERS = { comma: ",", semicolon: ";", tab: "\t", pipe: "|" } as const;
export type Delimiter = keyof typeof DELIMITERS;

/** long: one observation a row; wide: one row per entity and metric, one column per period. */
export type Layout = "long" | "wide";
