// Every chart is a small document: a title stating the finding, what is measured, the chart or
// its table, downloads, then the source line and the notes on definitions.
import { type ReactNode, useId, useRef, useState } from "react";
import { useNames } from "../features/catalog/api/useNames.ts";
import { type Annotation, withAnnotations } from "../lib/annotations.ts";
import type { Table } from "../lib/chartTable.ts";
import { type ChartImageText, chartCsv, chartSvg, saveBlob, svgToPng } from "../lib/download.ts";
import { formatPeriod } from "../lib/format.ts";
import { ChartArea } from "./ChartArea.tsx";
import { CopyLinkButton } from "./CopyLinkButton.tsx";
import { DataTable } from "./DataTable.tsx";

interface ChartFrameProps {
  id: string;
  title: string;
  subtitle: string;
  source: string;
  legend: ChartImageText["legend"];
  table: Table;
  tableCaption: string;
  chart: ReactNode;
  notes?: ReactNode;
  /** Controls that belong to this chart alone (e.g. Sequoia's multipliers). */
  controls?: ReactNode;
  /** Shown under the chart, e.g. the sources of a selected quarter. */
  details?: ReactNode;
  /** Events on the time axis in the chart's quarters: listed under it and in its table. */
  annotations?: readonly Annotation[];
}

/**
 * A note as plain text, each link's address written after it (an image cannot link), an item of a
 * numbered list with its number (the chart's crowded marks show only that).
 */
function noteText(note: Element): string {
  const copy = note.cloneNode(true) as Element;
  for (const link of copy.querySelectorAll("a[href]")) link.append(` (${link.getAttribute("href")})`);
  const number = note.parentElement?.tagName === "OL" ? `${[...note.parentElement.children].indexOf(note) + 1}. ` : "";
  return `${number}${copy.textContent ?? ""}`;
}

export function ChartFrame({
  id,
  title,
  subtitle,
  source,
  legend,
  table: chartTable,
  tableCaption,
  chart,
  notes,
  controls,
  details,
  annotations = [],
}: ChartFrameProps) {
  const table = withAnnotations(chartTable, annotations);
  const [view, setView] = useState<"chart" | "table">("chart");
  const headingId = useId();
  const chartArea = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLElement>(null);
  const names = useNames();

  const svgOfChart = () => {
    const [frameElement, area] = [frame.current, chartArea.current];
    if (!frameElement || !area?.querySelector("svg.recharts-surface"))
      throw new Error("The chart is not drawn; switch to the chart view first.");
    // The notes as the page shows them, a paragraph (or list item) each.
    const notesText = [...frameElement.querySelectorAll(".chart-frame__notes > li, p.chart-frame__notes")].map(noteText);
    return chartSvg(frameElement, area, { title, subtitle, source, legend, notes: notesText });
  };
  const downloads = {
    csv: () => saveBlob(new Blob([chartCsv(table, names)], { type: "text/csv;charset=utf-8" }), `${id}.csv`),
    svg: () => saveBlob(new Blob([svgOfChart()], { type: "image/svg+xml" }), `${id}.svg`),
    png: async () => saveBlob(await svgToPng(svgOfChart()), `${id}.png`),
  };

  return (
    <section className="chart-frame" aria-labelledby={headingId} id={id} ref={frame}>
      <header className="chart-frame__header">
        <div>
          <h2 id={headingId}>{title}</h2>
          <p className="chart-frame__subtitle">{subtitle}</p>
        </div>
        <div className="chart-frame__actions">
          <div className="segmented" role="group" aria-label={`${title}: view`}>
            {(["chart", "table"] as const).map((option) => (
              <button key={option} type="button" aria-pressed={view === option} onClick={() => setView(option)}>
                {option === "chart" ? "Chart" : "Table"}
              </button>
            ))}
          </div>
          <div className="segmented" role="group" aria-label={`${title}: download`}>
            <button type="button" onClick={downloads.csv} aria-label={`Download ${title} data as CSV`}>
              CSV
            </button>
            <button type="button" onClick={() => void downloads.png()} disabled={view !== "chart"} aria-label={`Download ${title} as PNG`}>
              PNG
            </button>
            <button type="button" onClick={downloads.svg} disabled={view !== "chart"} aria-label={`Download ${title} as SVG`}>
              SVG
            </button>
          </div>
          <CopyLinkButton
            fragment={id}
            label="Copy link"
            name={`Copy link to ${title}, with the view's settings`}
            className="chart-frame__link"
          />
        </div>
      </header>
      {controls && <div className="chart-frame__controls">{controls}</div>}
      {view === "chart" ? (
        <>
          <div className="legend" aria-hidden="true">
            {legend.map((item) => (
              <span key={item.label} className="legend__item">
                <LegendLine color={item.color} dashed={item.dashed} />
                {item.label}
              </span>
            ))}
          </div>
          <ChartArea id={id} label={`${title}. ${subtitle}. The table view lists every number.`} chart={chart} areaRef={chartArea} />
          {details}
        </>
      ) : (
        <DataTable table={table} caption={tableCaption} />
      )}
      <footer className="chart-frame__footer">
        <p className="chart-frame__source">{source}</p>
        {notes}
        {annotations.length > 0 && (
          <ol className="chart-frame__notes chart-frame__annotations" aria-label="Marked on the time axis">
            {annotations.map((a) => (
              <li key={a.id} data-annotation={a.id}>
                <strong>{a.label}</strong> ({formatPeriod(a.quarter)}, {a.when}): {a.text}. Source:{" "}
                {a.source.href ? (
                  <a href={a.source.href} target="_blank" rel="noreferrer">
                    {a.source.label}
                  </a>
                ) : (
                  a.source.label
                )}
                .
              </li>
            ))}
          </ol>
        )}
      </footer>
    </section>
  );
}

/** A legend's line in its series' colour: drawn, not styled, so the server's HTML needs no inline style. */
function LegendLine({ color, dashed }: { color: string; dashed?: boolean | undefined }) {
  return (
    <svg className="legend__line" viewBox="0 0 18 3" aria-hidden="true">
      <line x1="0" x2="18" y1="1.5" y2="1.5" stroke={color} strokeWidth="3" strokeDasharray={dashed ? "5 3" : undefined} />
    </svg>
  );
}

export function ChartSkeleton({ title }: { title: string }) {
  return (
    <section className="chart-frame chart-frame--loading" aria-busy="true" aria-label={`${title} (loading)`}>
      <div className="skeleton skeleton--title" />
      <div className="skeleton skeleton--subtitle" />
      <div className="skeleton skeleton--chart" />
    </section>
  );
}

export function ChartError({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) {
  return (
    <section className="chart-frame chart-frame--error" role="alert">
      <h2>{title}</h2>
      <p>The figures could not be loaded: {message}</p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </section>
  );
}
