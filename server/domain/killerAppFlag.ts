// The coverage flag (once called the killer-app flag; the consumer test is killerApps.ts): is
// revenue keeping pace with AI capex? It compares a quarter with the quarter `lookback` quarters
// earlier on two rules, coverage falling and the hole deepening, and says why in one sentence. It
// cannot see who pays: no source splits AI revenue into consumer and enterprise.

import { type Computed, isKnown, known, missing, type Reason, reasonsOf, reasonText } from "./computed.ts";
import { percent, usdBillions } from "./format.ts";
import { formatPeriod } from "./periods.ts";

/** What the flag reads for one quarter (coverage = AI revenue / capex TTM, gap = capex TTM - AI revenue). */
export interface FlagInputs {
  quarter: string;
  capexTtm: Computed;
  aiRevenue: Computed;
  coverage: Computed;
  dollarGap: Computed;
}

export type KnownStatus = "red" | "amber" | "green";
export type FlagStatus = KnownStatus | "unknown";

export interface FlagRules {
  /** Rule A: coverage(q) < coverage(q - lookback). */
  coverageFalling: Computed<boolean>;
  /** Rule B: dollar gap(q) > dollar gap(q - lookback). */
  holeDeepening: Computed<boolean>;
}

export type KillerAppFlag =
  | { status: KnownStatus; rules: FlagRules; explanation: string; reasons?: undefined }
  | { status: "unknown"; rules: FlagRules; explanation: string; reasons: readonly Reason[] };

/** Red when both rules hold, amber when one does, green when neither, unknown when an input is missing. */
export function killerAppFlag(now: FlagInputs, before: FlagInputs): KillerAppFlag {
  const rules: FlagRules = {
    coverageFalling: compare(now.coverage, before.coverage, (a, b) => a < b),
    holeDeepening: compare(now.dollarGap, before.dollarGap, (a, b) => a > b),
  };
  const [numbersNow, numbersBefore] = [numbersOf(now), numbersOf(before)];
  if (!numbersNow || !numbersBefore) {
    const reasons = reasonsOf([now, before].flatMap((i) => [i.capexTtm, i.aiRevenue, i.coverage, i.dollarGap]));
    return {
      status: "unknown",
      rules,
      explanation: `The flag for ${formatPeriod(now.quarter)} is unknown: ${reasonText(reasons)}.`,
      reasons,
    };
  }
  const held = [rules.coverageFalling.value, rules.holeDeepening.value].filter(Boolean).length;
  const status: KnownStatus = held === 2 ? "red" : held === 1 ? "amber" : "green";
  return { status, rules, explanation: explain(numbersNow, numbersBefore) };
}

function compare(now: Computed, before: Computed, rule: (now: number, before: number) => boolean): Computed<boolean> {
  if (!isKnown(now) || !isKnown(before)) return missing(...reasonsOf([now, before]));
  return known(rule(now.value, before.value));
}

interface FlagNumbers {
  quarter: string;
  capexTtm: number;
  aiRevenue: number;
  coverage: number;
  dollarGap: number;
}

/** The inputs as plain numbers, or null when any is missing. */
function numbersOf({ quarter, capexTtm, aiRevenue, coverage, dollarGap }: FlagInputs): FlagNumbers | null {
  if (capexTtm.value === null || aiRevenue.value === null || coverage.value === null || dollarGap.value === null) return null;
  return { quarter, capexTtm: capexTtm.value, aiRevenue: aiRevenue.value, coverage: coverage.value, dollarGap: dollarGap.value };
}

/** One sentence with the numbers, in USD billions. */
function explain(now: FlagNumbers, before: FlagNumbers): string {
  const [from, to] = [formatPeriod(before.quarter), formatPeriod(now.quarter)];
  const coverage = `coverage ${trend(before.coverage, now.coverage, "rose", "fell")} from ${percent(before.coverage)} to ${percent(now.coverage)}`;
  const gap = `the gap ${trend(before.dollarGap, now.dollarGap, "widened", "narrowed")} from ${usdBillions(before.dollarGap)} to ${usdBillions(now.dollarGap)}`;
  return `From ${from} to ${to} capex TTM ${change(before.capexTtm, now.capexTtm)} while AI revenue run-rate ${change(before.aiRevenue, now.aiRevenue)}: ${coverage} and ${gap}.`;
}

function change(before: number, now: number): string {
  if (now === before) return `held at ${usdBillions(now)}`;
  return `${now > before ? "rose" : "fell"} by ${usdBillions(Math.abs(now - before))} to ${usdBillions(now)}`;
}

function trend(before: number, now: number, up: string, down: string): string {
  return now > before ? up : now < before ? down : "held";
}
