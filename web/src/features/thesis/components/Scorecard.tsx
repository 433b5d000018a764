// The verdict first: the killer-app flag of the latest quarter, why, how long it has held, and the
// headline numbers with their change over a year.
import { type Computed, reasonText } from "../../../../../server/domain/computed.ts";
import type { ThesisResponse } from "../../../lib/api.ts";
import { formatGrowth, formatPercent, formatPeriod, formatUsdBillions } from "../../../lib/format.ts";

const why = (computed: Computed | undefined) => (computed?.reasons ? reasonText(computed.reasons) : undefined);

const STATUS_WORDS = {
  red: "Revenue is falling behind",
  amber: "Revenue is not keeping pace",
  green: "Revenue is keeping pace",
  unknown: "Not enough data for a verdict",
} as const;

function Headline({
  id,
  label,
  value,
  format,
  change,
}: {
  id: string;
  label: string;
  value: Computed;
  format: (n: number) => string;
  change?: Computed;
}) {
  return (
    <div className="headline" data-headline={id}>
      <dt>{label}</dt>
      <dd>
        <span className="headline__value" title={why(value)}>
          {value.value === null ? "—" : format(value.value)}
        </span>
        {value.value === null && <span className="headline__reason">{why(value)}</span>}
        {change && (
          <span className="headline__change" title={why(change)}>
            {change.value === null ? "YoY n/a" : `${formatGrowth(change.value)} YoY`}
          </span>
        )}
      </dd>
    </div>
  );
}

export function Scorecard({ scorecard, lookback }: { scorecard: ThesisResponse["scorecard"]; lookback: number }) {
  if (scorecard.status === "unknown" || scorecard.quarter === null) {
    return (
      <section className="scorecard" aria-label="Scorecard">
        <p className="badge badge--unknown">{STATUS_WORDS.unknown}</p>
        <p>{scorecard.explanation}</p>
      </section>
    );
  }
  const h = scorecard.headline;
  return (
    <section className="scorecard" aria-label="Scorecard">
      <div className="scorecard__verdict">
        <p className={`badge badge--${scorecard.status}`} data-status={scorecard.status}>
          <span className="badge__dot" aria-hidden="true" />
          {STATUS_WORDS[scorecard.status]} · {scorecard.status.toUpperCase()}
        </p>
        <p className="scorecard__explanation">{scorecard.explanation}</p>
        <p className="scorecard__streak">
          {formatPeriod(scorecard.quarter)}, against {lookback} quarter{lookback === 1 ? "" : "s"} earlier; {scorecard.status} for{" "}
          <strong data-streak={scorecard.streak}>{scorecard.streak}</strong> consecutive quarter{scorecard.streak === 1 ? "" : "s"}.
        </p>
      </div>
      <dl className="scorecard__numbers">
        <Headline id="capexTtm" label="Capex, TTM" value={h.capexTtm} format={formatUsdBillions} change={h.capexTtmYoY} />
        <Headline
          id="aiRevenueAnnualized"
          label="AI revenue, annualized"
          value={h.aiRevenueAnnualized}
          format={formatUsdBillions}
          change={h.aiRevenueYoY}
        />
        <Headline id="coverage" label="Coverage ratio" value={h.coverage} format={formatPercent} />
        <Headline id="dollarGap" label="Dollar gap" value={h.dollarGap} format={formatUsdBillions} />
        <Headline
          id="sequoiaRequiredRevenue"
          label="Sequoia required revenue"
          value={h.sequoiaRequiredRevenue}
          format={formatUsdBillions}
        />
        <Headline
          id="capexToOcf"
          label="Capex / operating cash flow"
          value={h.capexToOcf}
          format={formatPercent}
          change={h.capexToOcfYoY}
        />
        <Headline
          id="freeCashFlow"
          label="Free cash flow, TTM"
          value={h.freeCashFlow}
          format={formatUsdBillions}
          change={h.freeCashFlowYoY}
        />
      </dl>
    </section>
  );
}
