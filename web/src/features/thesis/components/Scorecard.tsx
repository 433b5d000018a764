// The verdict first: the coverage flag of the latest quarter, why, how long it has held, beside the
// consumer killer-app verdict, and the headline numbers with their change over a year, each from
// the latest quarter that has it.
import { memo } from "react";
import type { Computed } from "../../../../../server/domain/computed.ts";
import type { Dated } from "../../../../../server/domain/scorecard.ts";
import type { ThesisResponse } from "../../../lib/api.ts";
import { formatGrowth, formatPercent, formatPeriod, formatUsdBillions } from "../../../lib/format.ts";
import { describeReasons, type Names } from "../../../lib/reasons.ts";
import { useNames } from "../../catalog/api/useNames.ts";
import { ConsumerVerdict } from "../../killerApps/components/ConsumerVerdict.tsx";

const STATUS_WORDS = {
  red: "Revenue is falling behind",
  amber: "Revenue is not keeping pace",
  green: "Revenue is keeping pace",
  unknown: "Not enough data for a verdict",
} as const;

const why = (computed: Computed, names: Names) => (computed.reasons ? describeReasons(computed.reasons, names) : undefined);

function Headline({
  id,
  label,
  value,
  format,
  change,
  verdictQuarter,
  names,
}: {
  id: string;
  label: string;
  value: Dated;
  format: (n: number) => string;
  change?: Dated;
  /** The verdict's quarter: a number of another quarter says which. */
  verdictQuarter: string;
  names: Names;
}) {
  return (
    <div className="headline" data-headline={id}>
      <dt>{label}</dt>
      <dd>
        <span className="headline__value" title={why(value, names)}>
          {value.value === null ? "—" : format(value.value)}
        </span>
        {value.value === null && <span className="headline__reason">{why(value, names)}</span>}
        {change && (
          <span className="headline__change" title={why(change, names)}>
            {change.value === null ? "YoY n/a" : `${formatGrowth(change.value)} YoY`}
          </span>
        )}
        {value.value !== null && value.quarter !== verdictQuarter && (
          <span className="headline__quarter">in {formatPeriod(value.quarter)}</span>
        )}
      </dd>
    </div>
  );
}

interface ScorecardProps {
  scorecard: ThesisResponse["scorecard"];
  consumerShare: ThesisResponse["consumerShare"];
  lookback: number;
  /** The data version or date the view is read as of (null: the latest). */
  asOf: string | null;
  nameOf: (id: string) => string;
}

function ScorecardView({ scorecard, consumerShare, lookback, asOf, nameOf }: ScorecardProps) {
  const names = useNames();
  if (scorecard.status === "unknown" || scorecard.quarter === null) {
    return (
      <section className="scorecard" aria-label="Scorecard">
        <div className="scorecard__verdicts">
          <div className="scorecard__verdict">
            <h2 className="scorecard__label">Coverage of the build-out</h2>
            <p className="badge badge--unknown">{STATUS_WORDS.unknown}</p>
            <p>
              {scorecard.reasons?.length
                ? `No quarter has a known flag: ${describeReasons(scorecard.reasons, names)}.`
                : scorecard.explanation}
            </p>
          </div>
          <ConsumerVerdict consumerShare={consumerShare} asOf={asOf} nameOf={nameOf} />
        </div>
      </section>
    );
  }
  const h = scorecard.headline;
  const dated = { verdictQuarter: scorecard.quarter, names };
  return (
    <section className="scorecard" aria-label="Scorecard">
      <div className="scorecard__verdicts">
        <div className="scorecard__verdict">
          <h2 className="scorecard__label">Coverage of the build-out</h2>
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
        <ConsumerVerdict consumerShare={consumerShare} asOf={asOf} nameOf={nameOf} />
      </div>
      <dl className="scorecard__numbers">
        <Headline id="capexTtm" label="Capex, TTM" value={h.capexTtm} format={formatUsdBillions} change={h.capexTtmYoY} {...dated} />
        <Headline
          id="aiRevenueAnnualized"
          label="AI revenue, annualized"
          value={h.aiRevenueAnnualized}
          format={formatUsdBillions}
          change={h.aiRevenueYoY}
          {...dated}
        />
        <Headline id="coverage" label="Coverage ratio" value={h.coverage} format={formatPercent} change={h.coverageYoY} {...dated} />
        <Headline id="dollarGap" label="Dollar gap" value={h.dollarGap} format={formatUsdBillions} change={h.dollarGapYoY} {...dated} />
        <Headline
          id="sequoiaRequiredRevenue"
          label="Sequoia required revenue"
          value={h.sequoiaRequiredRevenue}
          format={formatUsdBillions}
          {...dated}
        />
        <Headline
          id="capexToOcf"
          label="Capex / operating cash flow"
          value={h.capexToOcf}
          format={formatPercent}
          change={h.capexToOcfYoY}
          {...dated}
        />
        <Headline
          id="freeCashFlow"
          label="Free cash flow, TTM"
          value={h.freeCashFlow}
          format={formatUsdBillions}
          change={h.freeCashFlowYoY}
          {...dated}
        />
      </dl>
    </section>
  );
}

/** Drawn again only when its props change: a setting of another chart leaves it as it is. */
export const Scorecard = memo(ScorecardView);
