// A computed number is a value or the reason it cannot be computed (STYLE habit 3): never a silent
// null, zero or NaN. Reasons are sentences an analyst can audit, e.g. "MSFT capex missing for 2016-Q2".

export type Computed<T = number> = { value: T; reason?: undefined } | { value: null; reason: string };

export function known<T>(value: T): Computed<T> {
  return { value };
}

export function missing(reason: string): { value: null; reason: string } {
  return { value: null, reason };
}

export function isKnown<T>(computed: Computed<T>): computed is { value: T; reason?: undefined } {
  return computed.reason === undefined;
}

const SEPARATOR = "; ";

/** The reasons of the missing inputs, each once (a joined reason counts as its parts), in input order. */
export function reasonsOf(inputs: readonly Computed<unknown>[]): string {
  const reasons = inputs.flatMap((input) => (input.reason === undefined ? [] : input.reason.split(SEPARATOR)));
  return [...new Set(reasons)].join(SEPARATOR);
}

/** A prefix on each part of a joined reason, so every part still says it after de-duplication. */
export function prefixReason(prefix: string, reason: string): string {
  return reason
    .split(SEPARATOR)
    .map((part) => `${prefix}${part}`)
    .join(SEPARATOR);
}
