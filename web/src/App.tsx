// The dashboard: the verdict, the controls, then the evidence chart by chart. The view lives in the
// URL (lib/viewState.ts); charts receive computed data and callbacks, nothing else.
import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useMemo, useRef } from "react";
import { ChartError, ChartSkeleton } from "./components/ChartFrame.tsx";
import { CopyLinkButton } from "./components/CopyLinkButton.tsx";
import { useCapexObservations } from "./features/capex/api/useCapexObservations.ts";
import { quarterlyCapex } from "./features/capex/capexByCompany.ts";
import { CapexByCompany } from "./features/capex/components/CapexByCompany.tsx";
import { useEntities } from "./features/catalog/api/useEntities.ts";
import { useNames } from "./features/catalog/api/useNames.ts";
import { Controls } from "./features/controls/Controls.tsx";
import { EvidenceDialog } from "./features/evidence/components/EvidenceDialog.tsx";
import { ExportMenu } from "./features/exports/components/ExportMenu.tsx";
import { DataFreshness } from "./features/freshness/components/DataFreshness.tsx";
import { useHistory } from "./features/history/api/useHistory.ts";
import { AsOfBanner } from "./features/history/components/AsOfBanner.tsx";
import { VerdictHistoryChart } from "./features/history/components/VerdictHistoryChart.tsx";
import { useThesis } from "./features/thesis/api/useThesis.ts";
import { CoverageChart } from "./features/thesis/components/CoverageChart.tsx";
import { DepreciationChart } from "./features/thesis/components/DepreciationChart.tsx";
import { EarlierCyclesChart } from "./features/thesis/components/EarlierCyclesChart.tsx";
import { FundingChart } from "./features/thesis/components/FundingChart.tsx";
import { IntensityChart } from "./features/thesis/components/IntensityChart.tsx";
import { RevenueVsCapexChart } from "./features/thesis/components/RevenueVsCapexChart.tsx";
import { Scorecard } from "./features/thesis/components/Scorecard.tsx";
import { SequoiaChart } from "./features/thesis/components/SequoiaChart.tsx";
import { formatPeriod } from "./lib/format.ts";
import { useDocumentTitle } from "./lib/useDocumentTitle.ts";
import { useSettled } from "./lib/useSettled.ts";
import { asOfText, DEFAULT_VIEW, rangeProblem, thesisQueryOf, useViewState, type ViewState } from "./lib/viewState.ts";

/** The charts in page order, with the short names of the table of contents. */
const CHARTS = [
  { id: "capex-by-company", name: "Capex by company" },
  { id: "coverage", name: "Coverage and the dollar gap" },
  { id: "verdict-history", name: "The flag then and now" },
  { id: "capex-vs-ai-revenue", name: "Capex against AI revenue" },
  { id: "capex-intensity", name: "Capex intensity" },
  { id: "sequoia-gap", name: "Sequoia's question" },
  { id: "funding", name: "Who pays" },
  { id: "depreciation", name: "Depreciation" },
  { id: "earlier-cycles", name: "Earlier cycles" },
];

/** Hyperscalers in the order the charts stack them (the default view's), any others after. */
function byDefaultOrder<T extends { id: string }>(entities: T[]): T[] {
  const rank = (id: string) => (DEFAULT_VIEW.companies.includes(id) ? DEFAULT_VIEW.companies.indexOf(id) : DEFAULT_VIEW.companies.length);
  return [...entities].sort((a, b) => rank(a.id) - rank(b.id));
}

import { killerAppsPath } from "./features/killerApps/killerAppView.ts";
import { followLink, usePathname } from "./lib/navigation.ts";

// Only analysts open it: its code is a separate chunk, loaded on the way there.
const UploadsPage = lazy(() => import("./features/uploads/UploadsPage.tsx"));
const KillerAppsPage = lazy(() => import("./features/killerApps/KillerAppsPage.tsx"));
const ChangesPage = lazy(() => import("./features/history/ChangesPage.tsx"));
// Below the charts, read after them: a separate chunk, so the JavaScript loaded first stays small.
const ScenariosSection = lazy(() => import("./features/scenarios/ScenariosSection.tsx"));

export function App() {
  const pathname = usePathname();
  if (pathname.startsWith("/killer-apps")) {
    return (
      <Suspense fallback={null}>
        <KillerAppsPage />
      </Suspense>
    );
  }
  if (pathname.startsWith("/changes")) {
    return (
      <Suspense fallback={null}>
        <ChangesPage />
      </Suspense>
    );
  }
  if (pathname.startsWith("/uploads")) {
    return (
      <Suspense fallback={null}>
        <UploadsPage />
      </Suspense>
    );
  }
  return <Dashboard />;
}

function Dashboard() {
  const [view, setView] = useViewState();
  const entities = useEntities();
  const thesisQuery = thesisQueryOf(view);
  // A range the wrong way round (a hand-edited link) is refused before any request, with the API's reason.
  const problem = rangeProblem(view);
  // The settings chosen with selects (the range, the lookback) are asked for once they stop
  // moving: five arrow presses on From make one request, not five. A click is asked at once.
  const stepped = useSettled({ from: view.from, to: view.to, lookback: view.lookback }, 250);
  const thesis = useThesis(thesisQueryOf({ ...view, ...stepped }), problem === null);
  // The range pickers list every quarter the selected companies reported, whatever range is chosen:
  // the capex chart's own query, so no second request.
  const asOf = asOfText(view);
  const capexObservations = useCapexObservations(view.companies, asOf);
  const history = useHistory();
  const allQuarters = useMemo(
    () =>
      quarterlyCapex(capexObservations.data?.observations ?? [], view.companies, { from: null, to: null }).quarters.map((q) => q.quarter),
    [capexObservations.data, view.companies],
  );
  // Callbacks and names keep their identity, so memoized charts are drawn again only when their data change.
  const names = useNames();
  const nameOf = names.entity;
  const selectQuarter = useCallback((quarter: string) => setView({ quarter }), [setView]);
  const setScale = useCallback((scale: ViewState["scale"]) => setView({ scale }), [setView]);
  // The charts are drawn from the view and the thesis a moment after the controls and the
  // scorecard: a click repaints its control at once and the charts are redrawn in slices between
  // which the page answers input (redrawn in the click's own task, the next paint waited 170-400 ms).
  const chartView = useDeferredValue(view);
  const chartThesis = useDeferredValue(thesis.data);
  const quarters = chartThesis?.quarters;
  const scorecard = thesis.data?.scorecard;
  useDocumentTitle(
    view.quarter
      ? `Sources for ${formatPeriod(view.quarter)}`
      : scorecard && scorecard.status !== "unknown"
        ? `${scorecard.status.toUpperCase()} in ${formatPeriod(scorecard.quarter)}`
        : null,
  );
  // A link to one chart (#funding) opens at it once the charts above it are drawn: the browser's
  // own jump came while they were still skeletons.
  const drawn = quarters !== undefined && capexObservations.data !== undefined;
  const jumped = useRef(false);
  useEffect(() => {
    if (!drawn || jumped.current) return;
    jumped.current = true;
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id) document.getElementById(id)?.scrollIntoView();
  }, [drawn]);

  return (
    <>
      <a className="skip-link" href="#charts">
        Skip to the charts
      </a>
      <header className="masthead">
        <h1>AI Capex Monitor</h1>
        <p className="masthead__thesis">
          AI infrastructure is paid for by shareholders, not yet by consumers. Is revenue keeping pace with the hyperscalers' capex?
        </p>
        <DataFreshness companies={view.companies} aiRevenue={view.aiRevenue} />
        <nav className="masthead__actions" aria-label="Data">
          <ExportMenu params={thesisQuery} />
          <a href={killerAppsPath(asOf)} onClick={followLink}>
            Killer-app watch
          </a>
          <a href="/changes" onClick={followLink}>
            What changed
          </a>
          <CopyLinkButton label="Copy link" name="Copy link to this view" className="masthead__button" />
          <a href="/uploads" onClick={followLink}>
            Upload data
          </a>
        </nav>
      </header>
      <main className="dashboard">
        {asOf && (
          <AsOfBanner
            version={thesis.isPlaceholderData ? undefined : thesis.data?.dataVersion}
            versions={history.data?.versions}
            refused={thesis.isError ? thesis.error.message : null}
            onLatest={() => setView({ asOf: null })}
          />
        )}
        {problem ? (
          <section className="scorecard" role="alert" aria-label="Scorecard">
            <p>This range cannot be shown: {problem}.</p>
            <p>
              <button type="button" className="controls__reset" onClick={() => setView({ from: null, to: null })}>
                Show every quarter
              </button>
            </p>
          </section>
        ) : thesis.data ? (
          <Scorecard
            scorecard={thesis.data.scorecard}
            consumerShare={thesis.data.consumerShare}
            lookback={thesis.data.params.lookback}
            asOf={asOf}
            nameOf={nameOf}
          />
        ) : (
          <section className="scorecard scorecard--loading" aria-busy="true" aria-label="Scorecard (loading)" />
        )}
        {entities.data && (
          <Controls
            view={view}
            onChange={setView}
            hyperscalers={byDefaultOrder(entities.data.entities.filter((e) => e.group === "hyperscaler"))}
            aiRevenueEntities={entities.data.entities.filter((e) => e.group === "ai_company")}
            quarters={allQuarters}
            versions={history.data?.versions ?? []}
          />
        )}
        <nav className="contents" aria-label="Contents">
          <h2>Contents</h2>
          <ol>
            {CHARTS.map(({ id, name }) => (
              <li key={id}>
                <a href={`#${id}`}>{name}</a>
              </li>
            ))}
          </ol>
        </nav>
        {thesis.isError && <ChartError title="The thesis" message={thesis.error.message} onRetry={() => void thesis.refetch()} />}
        {!problem && (
          <div className="charts" id="charts" tabIndex={-1}>
            <CapexByCompany
              companies={chartView.companies}
              capexMode={chartView.capexMode}
              from={chartView.from}
              to={chartView.to}
              thesisQuarters={quarters}
              asOf={asOfText(chartView)}
              nameOf={nameOf}
              onSelectQuarter={selectQuarter}
            />
            {quarters && chartThesis ? (
              <>
                <CoverageChart quarters={quarters} lookback={chartThesis.params.lookback} onSelectQuarter={selectQuarter} />
                <VerdictHistoryChart />
                <RevenueVsCapexChart quarters={quarters} scale={chartView.scale} onScale={setScale} onSelectQuarter={selectQuarter} />
                <IntensityChart
                  quarters={quarters}
                  companies={chartView.companies}
                  nameOf={nameOf}
                  cycleStart={chartThesis.params.aiCycleStart}
                  onSelectQuarter={selectQuarter}
                />
                <SequoiaChart
                  quarters={quarters}
                  gpuShare={view.gpuShare}
                  margin={view.margin}
                  onChange={setView}
                  onSelectQuarter={selectQuarter}
                />
                <FundingChart quarters={quarters} companies={chartView.companies} nameOf={nameOf} onSelectQuarter={selectQuarter} />
                <DepreciationChart quarters={quarters} onSelectQuarter={selectQuarter} />
                <EarlierCyclesChart cycles={chartThesis.earlierCycles} />
              </>
            ) : (
              CHARTS.slice(1).map(({ id, name }) => <ChartSkeleton key={id} title={name} />)
            )}
          </div>
        )}
        {!problem && (
          <Suspense fallback={<ChartSkeleton title="Scenarios" />}>
            <ScenariosSection view={view} onChange={setView} />
          </Suspense>
        )}
      </main>
      {view.quarter && (
        <EvidenceDialog
          key={view.quarter}
          quarter={view.quarter}
          thesisQuarter={quarters?.find((q) => q.quarter === view.quarter)}
          asOf={asOf}
          nameOf={nameOf}
          returnFocusTo="charts"
          onClose={() => setView({ quarter: null })}
        />
      )}
    </>
  );
}
