// The sources of one quarter: every figure dated in it with its basis and a link to where it was
// read, and the run-rates the AI revenue was interpolated or carried from. Opened from any chart.
import { useEffect, useRef } from "react";
import { sourceUrl } from "../../../../../server/domain/catalog.ts";
import type { ThesisQuarter } from "../../../lib/api.ts";
import { describeBasis, formatPeriod, formatUsdBillions } from "../../../lib/format.ts";
import { describeReasons } from "../../../lib/reasons.ts";
import { useMetrics } from "../../catalog/api/useMetrics.ts";
import { useNames } from "../../catalog/api/useNames.ts";
import { flagSentence } from "../../thesis/thesisCharts.ts";
import { useQuarterObservations } from "../api/useQuarterObservations.ts";

interface Props {
  quarter: string;
  thesisQuarter: ThesisQuarter | undefined;
  /** The data version or date the figures are read as of (null: the latest). */
  asOf: string | null;
  nameOf: (id: string) => string;
  /** The id of the element that takes focus when no element opened the dialog. */
  returnFocusTo: string;
  onClose: () => void;
}

function Source({ source }: { source: string | null }) {
  const href = sourceUrl(source);
  if (!source) return <span className="missing">no source given</span>;
  return href ? (
    <a href={href} target="_blank" rel="noreferrer">
      {source}
    </a>
  ) : (
    <span>{source}</span>
  );
}

function formatValue(value: number, unit: string): string {
  if (unit === "USD_m" || unit === "USD_m_annualized")
    return `${formatUsdBillions(value)}${unit === "USD_m_annualized" ? " annualized" : ""}`;
  if (unit === "EUR_m") return `€${(value / 1000).toFixed(1)}B`;
  if (unit === "users_m") return `${value.toLocaleString("en-US")}M users`;
  return String(value);
}

export function EvidenceDialog({ quarter, thesisQuarter, asOf, nameOf, returnFocusTo, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const observations = useQuarterObservations(quarter, asOf);
  const metrics = useMetrics();
  const names = useNames();
  useEffect(() => {
    // Focus goes back to what opened the dialog (a chart); opened from a link, nothing did, and
    // focus would drop to the top of the page: it goes to `returnFocusTo` instead.
    const opener = document.activeElement;
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => {
      const target = opener instanceof HTMLElement || opener instanceof SVGElement ? opener : null;
      if (target && target !== document.body && target.isConnected) target.focus();
      else document.getElementById(returnFocusTo)?.focus();
    };
  }, [returnFocusTo]);
  const labelOf = (id: string) => metrics.data?.metrics.find((m) => m.id === id)?.label ?? id;
  const figures = (observations.data?.observations ?? []).filter((o) => o.period === quarter);

  return (
    <dialog ref={dialog} className="evidence" aria-labelledby="evidence-title" onClose={onClose}>
      <header className="evidence__header">
        <h2 id="evidence-title">Sources for {formatPeriod(quarter)}</h2>
        <button type="button" onClick={() => dialog.current?.close()} aria-label="Close sources">
          ×
        </button>
      </header>
      {thesisQuarter && (
        <section>
          <h3>Coverage flag: {thesisQuarter.flag.status}</h3>
          <p>{flagSentence(thesisQuarter.flag, names)}</p>
          <h3>AI revenue, annualized</h3>
          <ul className="evidence__list">
            {thesisQuarter.aiRevenue.entities.map((rate) => (
              <li key={rate.entity}>
                <strong>{nameOf(rate.entity)}</strong>:{" "}
                {rate.value.value === null
                  ? describeReasons(rate.value.reasons, names)
                  : `${formatUsdBillions(rate.value.value)} (${rate.how})`}
                <ul>
                  {rate.from.map((point) => (
                    <li key={point.periodEnd}>
                      {point.periodEnd}: {formatUsdBillions(point.value)}, {describeBasis(point.basis)}. <Source source={point.source} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h3>Figures reported for {formatPeriod(quarter)}</h3>
        {observations.isPending && <p>Loading…</p>}
        {observations.isError && <p role="alert">Could not load the figures: {observations.error.message}</p>}
        <ul className="evidence__list" data-testid="evidence-figures">
          {figures.map((o) => (
            <li key={`${o.entity}-${o.metric}-${o.periodEnd}`} data-entity={o.entity} data-metric={o.metric}>
              <strong>
                {nameOf(o.entity)}, {labelOf(o.metric)}
              </strong>
              : {formatValue(o.value, o.unit)}, {describeBasis(o.basis)}
              {o.fiscalLabel ? `, ${o.fiscalLabel}` : ""}, period ended {o.periodEnd}. <Source source={o.source} />
              {o.note && (
                <details>
                  <summary>Note</summary>
                  {o.note}
                </details>
              )}
            </li>
          ))}
        </ul>
      </section>
    </dialog>
  );
}
