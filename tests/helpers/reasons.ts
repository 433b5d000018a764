// Expected missing values by the kind and message of each reason, in order.
import { expect } from "vitest";
import type { Reason, ReasonKind } from "../../server/domain/computed.ts";

/** The kind a reason's message implies, so a table of expected messages states its kinds too. */
export function kindOf(message: string): ReasonKind {
  if (message.startsWith("divide by zero")) return "divide_by_zero";
  if (message.startsWith("no prior year")) return "no_prior_year";
  if (message.startsWith("outside observed range")) return "outside_observed_range";
  if (message.startsWith("negative operating cash flow")) return "not_meaningful";
  if (message.startsWith("no quarter before")) return "no_earlier_value";
  if (message.endsWith("has no run-rate observations")) return "no_observations";
  if (/^no .*selected|^no selected|^none$/.test(message)) return "nothing_selected";
  return "missing_quarter";
}

/** Matches a reason list: each part of "a; b" a reason of its implied kind with that message. */
export function reasonsMatching(joined: string) {
  return joined.split("; ").map((message) => expect.objectContaining({ kind: kindOf(message), message }));
}

/** Matches a missing value whose reasons are the parts of `joined`. */
export function missingBecause(joined: string) {
  return { value: null, reasons: reasonsMatching(joined) };
}

/** Reasons to build inputs with: each part of "a; b" of its implied kind. */
export function because(joined: string): Reason[] {
  return joined.split("; ").map((message) => ({ kind: kindOf(message), message }));
}
