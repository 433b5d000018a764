// Scenarios: what would have to be true for the build-out to pay. Loaded after the dashboard's
// first screen (its own chunk): the assumptions, the answers in sentences, then the charts.
import { ChartError, ChartSkeleton } from "../../components/ChartFrame.tsx";
import { scenariosQueryOf, type ViewState } from "../../lib/viewState.ts";
import { ExportMenu } from "../exports/components/ExportMenu.tsx";
import { useScenarios } from "./api/useScenarios.ts";
import { BuildOutCostChart } from "./components/BuildOutCostChart.tsx";
import { CoverageProjectionChart } from "./components/CoverageProjectionChart.tsx";
import { ScenarioInputs } from "./components/ScenarioInputs.tsx";

interface Props {
  view: ViewState;
  onChange: (change: Partial<ViewState>) => void;
}

export default function ScenariosSection({ view, onChange }: Props) {
  const query = scenariosQueryOf(view);
  const scenarios = useScenarios(query);
  const data = scenarios.data;
  return (
    <section className="scenarios" aria-labelledby="scenarios-heading">
      <header className="scenarios__header">
        <div>
          <h2 id="scenarios-heading">Scenarios</h2>
          <p className="scenarios__intro">
            What would have to be true: the build-out's cost once depreciated, and when AI revenue would cover it if both kept growing at
            constant rates. Projections are not data: they are drawn dashed from the last real quarter, with their assumptions.
          </p>
        </div>
        <ExportMenu tables={["scenarios"]} params={query} />
      </header>
      <ScenarioInputs view={view} base={data?.base ?? null} onChange={onChange} />
      {scenarios.isError && <ChartError title="Scenarios" message={scenarios.error.message} onRetry={() => void scenarios.refetch()} />}
      {data ? (
        <>
          <div className="scenarios__answers" aria-live="polite">
            <p data-answer="requirement">{data.requirement}</p>
            <p data-answer="capexTtm">{data.coverage.capexTtm.sentence}</p>
            <p data-answer="requiredRevenue">{data.coverage.requiredRevenue.sentence}</p>
            <p data-answer="capexTtmGrowth">{data.coverage.capexTtm.growthSentence}</p>
            <p data-answer="requiredRevenueGrowth">{data.coverage.requiredRevenue.growthSentence}</p>
          </div>
          <div className="charts">
            <BuildOutCostChart scenarios={data} />
            <CoverageProjectionChart scenarios={data} />
          </div>
        </>
      ) : (
        !scenarios.isError && (
          <div className="charts">
            <ChartSkeleton title="What the build-out costs" />
            <ChartSkeleton title="When AI revenue would cover it" />
          </div>
        )
      )}
    </section>
  );
}
