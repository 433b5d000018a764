// Quarterly capex of the hyperscalers, stacked by company, every segment traceable to its source.
import { useMemo, useState } from "react";
import { Bar, CartesianGrid, ComposedChart, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";
import { ChartError, ChartFrame, ChartSkeleton } from "../../../components/ChartFrame.tsx";
import { companyColor } from "../../../lib/companyColors.ts";
import { describeBasis, formatPeriod, formatUsdBillions } from "../../../lib/format.ts";
import { useEntities } from "../../catalog/api/useEntities.ts";
import { HYPERSCALERS, useCapexObservations } from "../api/useCapexObservations.ts";
import { buildCapexByCompany, type CapexQuarter } from "../capexByCompany.ts";

const TITLE = "Hyperscaler capex, quarter by quarter";

export function CapexByCompany() {
  const observations = useCapexObservations(HYPERSCALERS);
  const entities = useEntities();
  const [selected, setSelected] = useState<string | null>(null);
  const view = useMemo(() => buildCapexByCompany(observations.data?.observations ?? [], HYPERSCALERS), [observations.data]);

  if (observations.isPending || entities.isPending) return <ChartSkeleton title={TITLE} />;
  if (observations.isError || entities.isError) {
    const error = observations.error ?? entities.error;
    return <ChartError title={TITLE} message={error?.message ?? "unknown error"} onRetry={() => void observations.refetch()} />;
  }

  const names = new Map(entities.data.entities.map((entity) => [entity.id, entity.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const latest = [...view.quarters].reverse().find((row) => row.total !== null);
  const selectedRow = view.quarters.find((row) => row.quarter === selected) ?? null;

  return (
    <ChartFrame
      title={TITLE}
      subtitle={`Purchases of property and equipment (cash-flow statement), USD billions per calendar quarter${
        latest ? `; ${formatPeriod(latest.quarter)}: ${formatUsdBillions(latest.total!)} for the four companies` : ""
      }`}
      source={
        <>
          Source: company filings (10-Q, 10-K) via SEC XBRL extracts and earnings releases; each figure links to where it was
          read. Select a bar for its sources.
        </>
      }
      notes={
        <ul className="chart-frame__notes">
          {view.missingRuns.map((run) => (
            <li key={`${run.entity}-${run.from}`}>
              {nameOf(run.entity)}: no figure for {run.from === run.to ? formatPeriod(run.from) : `${formatPeriod(run.from)} to ${formatPeriod(run.to)}`}
              ; those bars (marked ○) show the other companies only.
            </li>
          ))}
          <li>Headline capex is often larger: Microsoft and Meta add finance leases; see the data notes.</li>
        </ul>
      }
      chart={
        <>
          <div className="legend" aria-hidden="true">
            {HYPERSCALERS.map((entity) => (
              <span key={entity} className="legend__item">
                <span className="legend__swatch" style={{ background: companyColor(entity) }} />
                {nameOf(entity)}
              </span>
            ))}
            <span className="legend__item">
              <span className="legend__marker">○</span> a company's figure is missing
            </span>
          </div>
          <div
            className="chart"
            role="img"
            aria-label={`Stacked bar chart of quarterly capex by company, ${formatPeriod(view.quarters[0]?.quarter ?? "")} to ${formatPeriod(
              view.quarters.at(-1)?.quarter ?? "",
            )}. The table view lists every figure.`}
          >
            <ResponsiveContainer width="100%" height={360}>
              <ComposedChart
                data={view.quarters}
                margin={{ top: 12, right: 8, bottom: 0, left: 0 }}
              >
                <CartesianGrid vertical={false} stroke="var(--grid)" />
                <XAxis dataKey="quarter" tickFormatter={formatPeriod} minTickGap={24} tick={{ fill: "var(--muted)", fontSize: 12 }} />
                <YAxis tickFormatter={(value: number) => formatUsdBillions(value).replace(".0B", "B")} width={56} tick={{ fill: "var(--muted)", fontSize: 12 }} />
                <Tooltip content={(props) => <CapexTooltip {...props} nameOf={nameOf} />} cursor={{ fill: "var(--cursor)" }} />
                {HYPERSCALERS.map((entity) => (
                  <Bar
                    key={entity}
                    dataKey={(row: CapexQuarter) => row.figures[entity]?.value ?? null}
                    name={nameOf(entity)}
                    stackId="capex"
                    fill={companyColor(entity)}
                    isAnimationActive={false}
                    onClick={(segment: { payload?: CapexQuarter }) => setSelected(segment.payload?.quarter ?? null)}
                    shape={(props: { x?: number; y?: number; width?: number; height?: number; payload?: CapexQuarter }) => {
                      const figure = props.payload?.figures[entity];
                      if (!figure || props.height === undefined) return <g />;
                      return (
                        <rect
                          className="capex-segment"
                          data-entity={entity}
                          data-period={props.payload!.quarter}
                          data-value={figure.value}
                          x={props.x}
                          y={props.y}
                          width={props.width}
                          height={props.height}
                          fill={companyColor(entity)}
                        />
                      );
                    }}
                  />
                ))}
                <Scatter
                  dataKey={(row: CapexQuarter) => (row.missing.length > 0 ? row.drawnSum : null)}
                  name="missing figure"
                  isAnimationActive={false}
                  shape={(props: { cx?: number; cy?: number; payload?: CapexQuarter }) =>
                    props.payload && props.payload.missing.length > 0 ? (
                      <circle className="missing-marker" data-period={props.payload.quarter} cx={props.cx} cy={(props.cy ?? 0) - 6} r={3.5} />
                    ) : (
                      <g />
                    )
                  }
                />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          {selectedRow && <QuarterSources row={selectedRow} nameOf={nameOf} onClose={() => setSelected(null)} />}
        </>
      }
      table={<CapexTable quarters={view.quarters} nameOf={nameOf} />}
    />
  );
}

function CapexTooltip({ active, payload, nameOf }: TooltipContentProps<ValueType, NameType> & { nameOf: (id: string) => string }) {
  const row = payload?.[0]?.payload as CapexQuarter | undefined;
  if (!active || !row) return null;
  return (
    <div className="tooltip">
      <strong>{formatPeriod(row.quarter)}</strong>
      <table>
        <tbody>
          {HYPERSCALERS.map((entity) => {
            const figure = row.figures[entity];
            return (
              <tr key={entity}>
                <th scope="row">
                  <span className="legend__swatch" style={{ background: companyColor(entity) }} />
                  {nameOf(entity)}
                </th>
                <td className="num">{figure ? formatUsdBillions(figure.value) : "missing"}</td>
                <td className="tooltip__basis">{figure ? `${describeBasis(figure.basis)}${figure.fiscalLabel ? `, ${figure.fiscalLabel}` : ""}` : "no source"}</td>
              </tr>
            );
          })}
          <tr className="tooltip__total">
            <th scope="row">Total</th>
            <td className="num">{row.total === null ? "incomplete" : formatUsdBillions(row.total)}</td>
            <td />
          </tr>
        </tbody>
      </table>
      <p className="tooltip__hint">Sources: {sourceHosts(row).join(", ")}. Click for links.</p>
    </div>
  );
}

function sourceHosts(row: CapexQuarter): string[] {
  const hosts = Object.values(row.figures).flatMap((figure) => (figure?.sourceUrl ? [new URL(figure.sourceUrl).hostname.replace(/^www\./, "")] : []));
  return [...new Set(hosts)];
}

function QuarterSources({ row, nameOf, onClose }: { row: CapexQuarter; nameOf: (id: string) => string; onClose: () => void }) {
  return (
    <aside className="sources" aria-label={`Sources for ${formatPeriod(row.quarter)}`}>
      <header>
        <h3>Sources for {formatPeriod(row.quarter)}</h3>
        <button type="button" onClick={onClose} aria-label="Close sources">
          ×
        </button>
      </header>
      <dl>
        {HYPERSCALERS.map((entity) => {
          const figure = row.figures[entity];
          return (
            <div key={entity} className="sources__item">
              <dt>
                {nameOf(entity)}: {figure ? formatUsdBillions(figure.value) : "missing"}
              </dt>
              <dd>
                {figure ? (
                  <>
                    {describeBasis(figure.basis)}
                    {figure.fiscalLabel ? `, ${figure.fiscalLabel}` : ""}, period ended {figure.periodEnd}.{" "}
                    {figure.sourceUrl ? (
                      <a href={figure.sourceUrl} target="_blank" rel="noreferrer">
                        {figure.source}
                      </a>
                    ) : (
                      (figure.source ?? "No source given.")
                    )}
                    {figure.note && <p className="sources__note">{figure.note}</p>}
                  </>
                ) : (
                  "No source in the data set gives this quarter."
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </aside>
  );
}

function CapexTable({ quarters, nameOf }: { quarters: CapexQuarter[]; nameOf: (id: string) => string }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption>Quarterly capex, USD billions; hover a figure for its basis, click it for its source</caption>
        <thead>
          <tr>
            <th scope="col">Quarter</th>
            {HYPERSCALERS.map((entity) => (
              <th key={entity} scope="col" className="num">
                {nameOf(entity)}
              </th>
            ))}
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {[...quarters].reverse().map((row) => (
            <tr key={row.quarter}>
              <th scope="row">{formatPeriod(row.quarter)}</th>
              {HYPERSCALERS.map((entity) => {
                const figure = row.figures[entity];
                if (!figure) {
                  return (
                    <td key={entity} className="num missing" title="No source gives this figure">
                      —
                    </td>
                  );
                }
                const text = formatUsdBillions(figure.value);
                const title = `${describeBasis(figure.basis)}${figure.fiscalLabel ? `, ${figure.fiscalLabel}` : ""}`;
                return (
                  <td key={entity} className="num" data-entity={entity} data-period={row.quarter} title={title}>
                    {figure.sourceUrl ? (
                      <a href={figure.sourceUrl} target="_blank" rel="noreferrer">
                        {text}
                      </a>
                    ) : (
                      text
                    )}
                    {figure.basis !== "reported" && <sup className="basis-mark">{figure.basis[0]}</sup>}
                  </td>
                );
              })}
              <td className="num" title={row.total === null ? `Missing: ${row.missing.map(nameOf).join(", ")}` : undefined}>
                {row.total === null ? "—" : formatUsdBillions(row.total)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="table-legend">
        <sup>d</sup> derived from reported figures (e.g. full year minus nine months), <sup>r</sup> restated in a later filing; — no figure
        in the data set.
      </p>
    </div>
  );
}
