// Every chart is a small document: a title stating the finding, what is measured, the chart or
// its table, then the source line and the notes on definitions.
import { useId, useState, type ReactNode } from "react";

interface ChartFrameProps {
  title: string;
  subtitle: string;
  source: ReactNode;
  notes?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
}

export function ChartFrame({ title, subtitle, source, notes, chart, table }: ChartFrameProps) {
  const [view, setView] = useState<"chart" | "table">("chart");
  const headingId = useId();
  return (
    <section className="chart-frame" aria-labelledby={headingId}>
      <header className="chart-frame__header">
        <div>
          <h2 id={headingId}>{title}</h2>
          <p className="chart-frame__subtitle">{subtitle}</p>
        </div>
        <div className="segmented" role="group" aria-label="View">
          {(["chart", "table"] as const).map((option) => (
            <button key={option} type="button" aria-pressed={view === option} onClick={() => setView(option)}>
              {option === "chart" ? "Chart" : "Table"}
            </button>
          ))}
        </div>
      </header>
      {view === "chart" ? chart : table}
      <footer className="chart-frame__footer">
        <p className="chart-frame__source">{source}</p>
        {notes}
      </footer>
    </section>
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
