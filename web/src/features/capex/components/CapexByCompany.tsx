// Hyperscaler capex stacked by company, quarterly as reported or trailing twelve months.
import { memo } from "react";
import { ChartError, ChartFrame, ChartSkeleton } from "../../../components/ChartFrame.tsx";
import { liveChart } from "../../../components/chartIslands.ts";
import { annotationsFor } from "../../../lib/annotations.ts";
import type { ThesisQuarter } from "../../../lib/api.ts";
import { companyColor } from "../../../lib/companyColors.ts";
import { formatPeriod, formatUsdBillions } from "../../../lib/format.ts";
import type { ViewState } from "../../../lib/viewState.ts";
import { useCapexObservations } from "../api/useCapexObservations.ts";
import { capexTable, quarterlyCapex, ttmCapex } from "../capexByCompany.ts";
import type { CapexBarsProps } from "./CapexBars.tsx";

const TITLE = "Hyperscaler capex, quarter by quarter";

const CapexBars = liveChart<CapexBarsProps>(() => import("./CapexBars.tsx").then((m) => m.CapexBars));

interface CapexByCompanyProps {
  companies: ViewState["companies"];
  capexMode: ViewState["capexMode"];
  from: ViewState["from"];
  to: ViewState["to"];
  thesisQuarters: ThesisQuarter[] | undefined;
  /** The data version or date the figures are read as of (null: the latest). */
  asOf: string | null;
  nameOf: (id: string) => string;
  onSelectQuarter: (quarter: string) => void;
}

function CapexByCompanyView({ companies, capexMode, from, to, thesisQuarters, asOf, nameOf, onSelectQuarter }: CapexByCompanyProps) {
  const observations = useCapexObservations(companies, asOf);
  // What the TTM mode draws: null in the quarterly mode, undefined while the thesis loads.
  const ttmQuarters = capexMode === "ttm" ? thesisQuarters : null;
  if (observations.isPending || ttmQuarters === undefined) return <ChartSkeleton title={TITLE} />;
  if (observations.isError)
    return <ChartError title={TITLE} message={observations.error.message} onRetry={() => void observations.refetch()} />;

  const ttm = ttmQuarters !== null;
  const { quarters, missingRuns } = ttmQuarters
    ? ttmCapex(ttmQuarters, companies)
    : quarterlyCapex(observations.data.observations, companies, { from, to });
  const marks = annotationsFor(
    "capex-by-company",
    quarters.map((q) => q.quarter),
  );
  const latest = quarters.findLast((row) => row.total !== null);
  const latestTotal = latest?.total ?? null;
  const measure = ttm ? "trailing twelve months to each quarter" : "per calendar quarter";
  const title =
    latest && latestTotal !== null
      ? `Capex reached ${formatUsdBillions(latestTotal)} ${ttm ? "over the year to" : "in"} ${formatPeriod(latest.quarter)}`
      : TITLE;

  return (
    <ChartFrame
      id="capex-by-company"
      annotations={marks}
      title={title}
      subtitle={`Hyperscaler capex by company: purchases of property and equipment (cash-flow statement), USD billions, ${measure}`}
      source="Source: company filings (10-Q, 10-K) via SEC XBRL extracts and earnings releases; each figure links to where it was read."
      legend={[
        ...companies.map((entity) => ({ label: nameOf(entity), color: companyColor(entity) })),
        { label: "○ a company's figure is missing", color: "var(--muted)", dashed: true },
      ]}
      table={capexTable(quarters, companies, nameOf)}
      tableCaption={`Capex ${measure}, USD billions; a figure links to its source; d derived, r restated`}
      notes={
        <ul className="chart-frame__notes">
          {missingRuns.map((run) => (
            <li key={`${run.entity}-${run.from}`}>
              {nameOf(run.entity)}: no {ttm ? "four-quarter total" : "figure"} for{" "}
              {run.from === run.to ? formatPeriod(run.from) : `${formatPeriod(run.from)} to ${formatPeriod(run.to)}`}; those bars (marked ○)
              show the other companies only and have no total.
            </li>
          ))}
          <li>
            Headline capex is often larger: Microsoft and Meta add finance leases; Amazon quoted capex net of incentives until 2016 (a
            different series, not drawn).
          </li>
        </ul>
      }
      chart={<CapexBars quarters={quarters} companies={companies} marks={marks} nameOf={nameOf} onSelectQuarter={onSelectQuarter} />}
    />
  );
}

/** Drawn again only when its props change: a setting of another chart leaves it as it is. */
export const CapexByCompany = memo(CapexByCompanyView);
