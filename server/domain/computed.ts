// A computed number is a value or the reasons it cannot be computed (STYLE habit 3): never a silent
// null, zero or NaN. Each reason has a kind, as OWID's core-table error values do, so code and tests
// ask "which kind?", and a message an analyst can audit ("MSFT capex missing for 2016-Q2"); the
// structured fields let the dashboard write the sentence with names and formatted quarters.

/** Every kind of reason, with what it means: the one list the server, the web and the exports read. */
export const REASON_KINDS = {
  missing_quarter: "a figure no source gave for the quarter",
  no_prior_year: "the year-earlier value a change is measured against is missing",
  divide_by_zero: "the denominator is zero",
  not_meaningful: "the ratio has no meaning for this sign (a negative denominator)",
  outside_observed_range: "before the first or beyond the last observation, and never extrapolated",
  no_observations: "the series has no observations at all",
  nothing_selected: "no entity is selected for the series",
  no_earlier_value: "no earlier quarter has a known value to compare with",
  target_not_ahead: "the target ends at or before the quarter a projection starts from",
} as const;

export type ReasonKind = keyof typeof REASON_KINDS;

export interface Reason {
  kind: ReasonKind;
  message: string;
  /** The entity and metric whose figure is missing, where one is. */
  entity?: string;
  metric?: string;
  /** The quarters (`YYYY-Qn`) the reason is about. */
  quarters?: readonly string[];
}

export type Known<T> = { value: T; reasons?: undefined };
export type Missing = { value: null; reasons: readonly Reason[] };
export type Computed<T = number> = Known<T> | Missing;

export function known<T>(value: T): Known<T> {
  return { value };
}

export function missing(...reasons: readonly Reason[]): Missing {
  return { value: null, reasons };
}

export function isKnown<T>(computed: Computed<T>): computed is Known<T> {
  return computed.reasons === undefined;
}

/** The reasons of the missing inputs, each once (by message), in input order. */
export function reasonsOf(inputs: readonly Computed<unknown>[]): Reason[] {
  const seen = new Map<string, Reason>();
  for (const input of inputs) for (const reason of input.reasons ?? []) if (!seen.has(reason.message)) seen.set(reason.message, reason);
  return [...seen.values()];
}

/** A value a year earlier is missing: each of its reasons, restated as the missing prior year. */
export function noPriorYear(reasons: readonly Reason[]): Reason[] {
  return reasons.map((reason) => ({ ...reason, kind: "no_prior_year", message: `no prior year: ${reason.message}` }));
}

/** The reasons as one line of text, for a CSV cell or a sentence. */
export function reasonText(reasons: readonly Reason[]): string {
  return reasons.map((reason) => reason.message).join("; ");
}
