// Who pays for the build-out: while capex stays within operating cash flow, customers' cash pays
// for it; above it, the difference comes from balance sheets, debt or equity. And capex today is
// depreciation tomorrow, which AI revenue must eventually cover too.

import { type Computed, isKnown, missing, type Reason, reasonsOf } from "./computed.ts";
import { quarterFromIndex } from "./periods.ts";
import { differenceSeries, type FlowSeries, NO_COMPANY_SELECTED, ratioSeries, type Series, sumSeries, ttm, yoy } from "./series.ts";

export type FundingStatus = "self-funded" | "externally funded";

export type FundingFlag =
  | {
      status: FundingStatus /** OCF TTM - capex TTM: the cash left over (negative: drawn from elsewhere). */;
      margin: number;
      reason?: undefined;
    }
  | { status: "unknown"; margin: null; reasons: readonly Reason[] };

export interface FundingSeries {
  capexTtm: Series;
  ocfTtm: Series;
  /** Free cash flow TTM = OCF TTM - capex TTM. */
  fcfTtm: Series;
  fcfTtmYoY: Series;
  capexToOcf: Series;
  capexToOcfYoY: Series;
  daTtm: Series;
  daTtmYoY: Series;
  /** Capex TTM / D&A TTM: how far spending runs ahead of the depreciation it will become. */
  capexToDa: Series;
}

export interface FundingQuarter {
  ocfTtm: Computed;
  fcfTtm: Computed;
  fcfTtmYoY: Computed;
  capexToOcf: Computed;
  capexToOcfYoY: Computed;
  daTtm: Computed;
  daTtmYoY: Computed;
  capexToDa: Computed;
  flag: FundingFlag;
}

/**
 * Capex TTM / OCF TTM. With operating cash flow at or below zero the ratio has no meaning (a
 * negative ratio would read as "less than covered"), so it is missing with the reason; the funding
 * flag still says externally funded.
 */
function capexToOcfSeries(capexTtm: Series, ocfTtm: Series): Series {
  const ratio = ratioSeries("capex to operating cash flow", capexTtm, ocfTtm);
  return {
    name: ratio.name,
    at(q) {
      const ocf = ocfTtm.at(q);
      if (isKnown(ocf) && ocf.value < 0) {
        const quarter = quarterFromIndex(q);
        const message = `negative operating cash flow: ${ocfTtm.name} for ${quarter} is ${ocf.value}`;
        return missing({ kind: "not_meaningful", message, quarters: [quarter] });
      }
      return ratio.at(q);
    },
  };
}

/** The funding series of one company from its flows, or of several from their TTMs. */
export function fundingSeries(capexTtm: Series, ocfTtm: Series, daTtm: Series): FundingSeries {
  const fcfTtm = differenceSeries(`free cash flow TTM`, ocfTtm, capexTtm);
  const capexToOcf = capexToOcfSeries(capexTtm, ocfTtm);
  return {
    capexTtm,
    ocfTtm,
    fcfTtm,
    fcfTtmYoY: yoy(fcfTtm),
    capexToOcf,
    capexToOcfYoY: yoy(capexToOcf),
    daTtm,
    daTtmYoY: yoy(daTtm),
    capexToDa: ratioSeries("capex to D&A", capexTtm, daTtm),
  };
}

export function companyFunding(capex: FlowSeries, ocf: FlowSeries, da: FlowSeries): FundingSeries {
  return fundingSeries(ttm(capex), ttm(ocf), ttm(da));
}

/** The sum over companies of each TTM: missing, naming the company, when any lacks a quarter. */
export function aggregateFunding(companies: readonly FundingSeries[]): FundingSeries {
  const none = NO_COMPANY_SELECTED;
  return fundingSeries(
    sumSeries(
      "aggregate capex TTM",
      companies.map((c) => c.capexTtm),
      none,
    ),
    sumSeries(
      "aggregate operating cash flow TTM",
      companies.map((c) => c.ocfTtm),
      none,
    ),
    sumSeries(
      "aggregate D&A TTM",
      companies.map((c) => c.daTtm),
      none,
    ),
  );
}

/** Self-funded when capex TTM <= OCF TTM (equal counts as self-funded: nothing came from elsewhere). */
export function fundingFlag(capexTtm: Computed, ocfTtm: Computed): FundingFlag {
  if (!isKnown(capexTtm) || !isKnown(ocfTtm)) {
    return { status: "unknown", margin: null, reasons: reasonsOf([capexTtm, ocfTtm]) };
  }
  const margin = ocfTtm.value - capexTtm.value;
  return { status: margin >= 0 ? "self-funded" : "externally funded", margin };
}

export function fundingAt(series: FundingSeries, q: number): FundingQuarter {
  const ocfTtm = series.ocfTtm.at(q);
  return {
    ocfTtm,
    fcfTtm: series.fcfTtm.at(q),
    fcfTtmYoY: series.fcfTtmYoY.at(q),
    capexToOcf: series.capexToOcf.at(q),
    capexToOcfYoY: series.capexToOcfYoY.at(q),
    daTtm: series.daTtm.at(q),
    daTtmYoY: series.daTtmYoY.at(q),
    capexToDa: series.capexToDa.at(q),
    flag: fundingFlag(series.capexTtm.at(q), ocfTtm),
  };
}
