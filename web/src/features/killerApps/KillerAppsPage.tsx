// /killer-apps: has AI found its consumer killer app? The verdict in one sentence, then the reach,
// time and money of the AI apps against the apps that paid for earlier cycles, and the tests app by
// app with the source of every figure; as of any earlier data version, like the dashboard. Loaded
// only on its way here.
import { useCallback, useSyncExternalStore } from "react";
import { sourceUrl } from "../../../../server/domain/catalog.ts";
import { ACTIVE_USER_METRICS, MINUTES_PER_DAY, MONEY_METRICS, REGISTERED_USERS } from "../../../../server/domain/killerApps.ts";
import { AS_OF_PARAMETERS } from "../../../../server/domain/parameters.ts";
import { ChartError, ChartFrame, ChartSkeleton } from "../../components/ChartFrame.tsx";
import { formatUsdBillions } from "../../lib/format.ts";
import { followLink } from "../../lib/navigation.ts";
import { ExportMenu } from "../exports/components/ExportMenu.tsx";
import { useHistory } from "../history/api/useHistory.ts";
import { AsOfBanner } from "../history/components/AsOfBanner.tsx";
import { AsOfControl } from "../history/components/AsOfControl.tsx";
import { useKillerApps } from "./api/useKillerApps.ts";
import { AgeChart, type AgeChartLine } from "./components/AgeChart.tsx";
import { type MinutesBar, MinutesChart } from "./components/MinutesChart.tsx";
import {
  type AppFigure,
  type AppVerdict,
  ageLines,
  figureTable,
  type KillerAppsResponse,
  type KillerAppView,
  killerAppsQueryOf,
  parseKillerAppView,
  serializeKillerAppView,
  USER_COUNTS,
} from "./killerAppView.ts";
import "./killerApps.css";

/** Okabe-Ito hues for the AI apps, in the order the API lists them (closest to passing first). */
const AI_COLORS = ["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D00"];
const GREY = "var(--muted)";
/** The column's own examples of killer apps (Angry Birds, KakaoTalk, Instagram, YouTube). */
const COLUMN_EXAMPLES = new Set(["ANGRY_BIRDS", "KAKAOTALK", "INSTAGRAM", "YOUTUBE"]);

const subscribe = (onChange: () => void) => {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
};

function useKillerAppView(): [KillerAppView, (change: Partial<KillerAppView>) => void] {
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  const update = useCallback((change: Partial<KillerAppView>) => {
    const next = serializeKillerAppView({ ...parseKillerAppView(window.location.search), ...change });
    if (next === window.location.search) return;
    window.history.pushState(null, "", `${window.location.pathname}${next}`);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, []);
  return [parseKillerAppView(search), update];
}

const STATUS_WORDS = { pass: "passes", fail: "fails", unknown: "unknown" } as const;

function colorsOf(data: KillerAppsResponse): (app: string) => string {
  const colors = new Map(data.apps.map((v, i) => [v.app.id, AI_COLORS[i % AI_COLORS.length] ?? GREY]));
  return (app) => colors.get(app) ?? GREY;
}

function usersChart(data: KillerAppsResponse, nameOf: (id: string) => string, colorOf: (id: string) => string) {
  const metrics = [...Object.keys(ACTIVE_USER_METRICS), REGISTERED_USERS];
  const lines: AgeChartLine[] = ageLines(
    data.figures,
    metrics,
    (f) => `${nameOf(f.app)}${f.metric === "monthly_active_users" ? "" : ` (${USER_COUNTS[f.metric]?.label})`}`,
  ).map((line) => ({
    ...line,
    color: colorOf(line.app),
    dash: USER_COUNTS[line.metric]?.dash,
    marked: COLUMN_EXAMPLES.has(line.app),
  }));
  const figures = data.figures.filter((f) => metrics.includes(f.metric));
  return { lines, table: figureTable(figures, nameOf, "Users (millions)", "number") };
}

function moneyChart(data: KillerAppsResponse, nameOf: (id: string) => string, colorOf: (id: string) => string) {
  const lines: AgeChartLine[] = ageLines(data.figures, MONEY_METRICS, (f) => `${nameOf(f.app)} (${f.moneyKind})`).map((line) => ({
    ...line,
    color: colorOf(line.app),
    dash: line.figures[0]?.moneyKind === "ad-funded" ? "7 4" : undefined,
    marked: COLUMN_EXAMPLES.has(line.app),
  }));
  const figures = data.figures.filter((f) => (MONEY_METRICS as readonly string[]).includes(f.metric));
  return { lines, table: figureTable(figures, nameOf, "A year's money (USD m)", "usd_m") };
}

function minutesBars(data: KillerAppsResponse, nameOf: (id: string) => string, colorOf: (id: string) => string): MinutesBar[] {
  const latest = new Map<string, AppFigure>();
  for (const f of data.figures)
    if (f.metric === MINUTES_PER_DAY && (latest.get(f.app)?.periodEnd ?? "") < f.periodEnd) latest.set(f.app, f);
  return [...latest.values()]
    .sort((a, b) => b.value - a.value)
    .map((f) => ({ app: f.app, name: nameOf(f.app), minutes: f.value, color: colorOf(f.app), estimate: f.basis === "estimate" }));
}

function TestCell({ verdict, test }: { verdict: AppVerdict; test: "reach" | "time" | "money" }) {
  const result = verdict[test];
  const href = sourceUrl(result.figure?.source ?? null);
  return (
    <td className={`test test--${result.status}`} data-test={test} data-status={result.status}>
      <strong>{STATUS_WORDS[result.status]}</strong> {result.sentence}
      {href && (
        <>
          {" "}
          <a href={href} target="_blank" rel="noreferrer">
            source
          </a>
        </>
      )}
    </td>
  );
}

export default function KillerAppsPage() {
  const [view, setView] = useKillerAppView();
  const query = killerAppsQueryOf(view);
  const watch = useKillerApps(query);
  const history = useHistory();
  const data = watch.data;
  const asOf = AS_OF_PARAMETERS.asOf.format(view.asOf);
  const names = new Map([
    ...(data?.apps.map((v) => [v.app.id, v.app.name] as const) ?? []),
    ...(data?.yardsticks.map((y) => [y.id, y.name] as const) ?? []),
  ]);
  const nameOf = (id: string) => names.get(id) ?? id;

  return (
    <>
      <header className="masthead">
        <h1>Has AI found its consumer killer app?</h1>
        <p className="masthead__thesis">
          A killer app is a service people use for enjoyment and lose time and money in without noticing, as they did Angry Birds,
          KakaoTalk, Instagram and YouTube. Each AI app is held against those earlier killer apps at the same age, on three tests: reach,
          time and money.
        </p>
        <nav className="masthead__actions" aria-label="Pages">
          <a href={asOf ? `/?asOf=${asOf}` : "/"} onClick={followLink}>
            Capex dashboard
          </a>
          <ExportMenu params={query} tables={["killer-apps"]} />
        </nav>
      </header>
      <main className="dashboard killer-apps">
        {asOf && (
          <AsOfBanner
            version={watch.isPlaceholderData ? undefined : data?.dataVersion}
            versions={history.data?.versions}
            refused={watch.isError ? watch.error.message : null}
            onLatest={() => setView({ asOf: null })}
          />
        )}
        {watch.isError && <ChartError title="The killer-app watch" message={watch.error.message} onRetry={() => void watch.refetch()} />}
        <section className="scorecard" aria-label="Verdict">
          <p className="killer-apps__verdict" data-killer-apps={data?.killerApps.join(",") ?? ""}>
            {data ? data.verdict : "Loading the verdict..."}
          </p>
          {data && (
            <ul className="killer-apps__leaders">
              {(["reach", "time", "money"] as const).map((test) => {
                const leader = data.leaders[test];
                return (
                  <li key={test} data-leader={test}>
                    Closest on {test}:{" "}
                    {leader ? `${nameOf(leader.app)}, ${(leader.ratio * 100).toFixed(0)}% of the bar` : "no AI app has the figures"}
                  </li>
                );
              })}
            </ul>
          )}
          <label className="killer-apps__threshold">
            Time test, minutes a day{" "}
            <input
              type="number"
              min={1}
              max={1440}
              step={1}
              defaultValue={view.minMinutes}
              key={view.minMinutes}
              onBlur={(event) => {
                const value = Number(event.currentTarget.value);
                if (Number.isFinite(value) && value >= 1 && value <= 1440) setView({ minMinutes: value });
              }}
              onKeyDown={(event) => {
                if (event.key === "Enter") event.currentTarget.blur();
              }}
            />
          </label>
          <div className="controls">
            <AsOfControl asOf={view.asOf} versions={history.data?.versions ?? []} onChange={(chosen) => setView({ asOf: chosen })} />
          </div>
        </section>
        {data ? (
          <div className="charts">
            <KillerAppCharts data={data} nameOf={nameOf} />
          </div>
        ) : (
          <div className="charts">
            {["Reach", "Time", "Money", "The tests"].map((title) => (
              <ChartSkeleton key={title} title={title} />
            ))}
          </div>
        )}
      </main>
    </>
  );
}

const SOURCE =
  "Sources: company statements, filings and third-party estimates (Sensor Tower, Appfigures, Similarweb), each figure's link in the Table view; launch dates in entities.csv.";

function KillerAppCharts({ data, nameOf }: { data: KillerAppsResponse; nameOf: (id: string) => string }) {
  const colorOf = colorsOf(data);
  const users = usersChart(data, nameOf, colorOf);
  const money = moneyChart(data, nameOf, colorOf);
  const bars = minutesBars(data, nameOf, colorOf);
  const threshold = data.params.minMinutes;
  const legend = [
    { label: "AI apps (colour)", color: AI_COLORS[0] ?? GREY },
    { label: "earlier killer apps (grey)", color: GREY },
  ];
  const testTable = {
    columns: [
      { key: "app", header: "App", kind: "text" as const },
      { key: "reach", header: "Reach", kind: "text" as const },
      { key: "time", header: "Time", kind: "text" as const },
      { key: "money", header: "Money", kind: "text" as const },
    ],
    rows: data.apps.map((v) => ({
      app: { value: v.app.name },
      reach: { value: `${v.reach.status}: ${v.reach.sentence}` },
      time: { value: `${v.time.status}: ${v.time.sentence}` },
      money: { value: `${v.money.status}: ${v.money.sentence}` },
    })),
  };
  return (
    <>
      <ChartFrame
        id="killer-app-reach"
        title="AI apps reach more people than the earlier killer apps did at their age"
        subtitle="Active users by years since launch, millions, log scale: monthly solid, weekly dashed, daily dotted, registered sign-ups faint; hollow points are third-party estimates"
        source={SOURCE}
        legend={[
          ...legend,
          ...Object.values(USER_COUNTS).map((count) => ({ label: `${count.label} users`, color: GREY, dashed: Boolean(count.dash) })),
        ]}
        table={users.table}
        tableCaption="Users of each app by date and years since launch, millions"
        chart={
          <AgeChart
            lines={users.lines}
            format={(value) => `${Math.round(value).toLocaleString("en-US")}M users`}
            yLabel="users, millions"
          />
        }
        notes={
          <p className="chart-frame__notes">
            Weekly, monthly and daily users are never converted into one another: the reach test holds an app's latest count against the
            earlier apps' monthly users, a stricter test for weekly and daily counts. Marked darker: the column's own examples.
          </p>
        }
      />
      <ChartFrame
        id="killer-app-time"
        title={`Only ${
          bars
            .filter((b) => b.minutes >= threshold)
            .map((b) => b.name)
            .join(", ") || "no app"
        } ${bars.filter((b) => b.minutes >= threshold).length === 1 ? "holds" : "hold"} people ${threshold} minutes a day`}
        subtitle={`Minutes per user per day, each app's latest figure; the line is the time test (${threshold} minutes); hollow bars are estimates`}
        source={SOURCE}
        legend={legend}
        table={{
          columns: [
            { key: "app", header: "App", kind: "text" },
            { key: "minutes", header: "Minutes a day", kind: "number" },
          ],
          rows: bars.map((b) => ({ app: { value: b.name }, minutes: { value: b.minutes } })),
        }}
        tableCaption="Minutes per user per day, latest figure of each app"
        chart={<MinutesChart bars={bars} threshold={threshold} />}
      />
      <ChartFrame
        id="killer-app-money"
        title="What consumers pay AI apps against what the earlier killer apps earned at their age"
        subtitle="A full year's money in USD by years since launch, log scale: the AI apps' app-store spending (paid by users) beside the earlier apps' revenue (dashed: ad-funded); euros are never converted"
        source={SOURCE}
        legend={[...legend, { label: "ad-funded", color: GREY, dashed: true }]}
        table={money.table}
        tableCaption="A full year's consumer money of each app, USD"
        chart={<AgeChart lines={money.lines} format={(value) => formatUsdBillions(value)} yLabel="a year, USD millions" />}
      />
      <ChartFrame
        id="killer-app-tests"
        title={data.verdict}
        subtitle="Each AI app on the three tests, closest to passing first: reach and money against the earlier killer apps' median at the same age, time against the threshold"
        source={SOURCE}
        legend={[]}
        table={testTable}
        tableCaption="The three tests, app by app"
        chart={
          <table className="data-table killer-apps__tests">
            <thead>
              <tr>
                <th scope="col">App</th>
                <th scope="col">Reach</th>
                <th scope="col">Time</th>
                <th scope="col">Money</th>
              </tr>
            </thead>
            <tbody>
              {data.apps.map((verdict) => (
                <tr key={verdict.app.id} data-app={verdict.app.id}>
                  <th scope="row">{verdict.app.name}</th>
                  <TestCell verdict={verdict} test="reach" />
                  <TestCell verdict={verdict} test="time" />
                  <TestCell verdict={verdict} test="money" />
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </>
  );
}
