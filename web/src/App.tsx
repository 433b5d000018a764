import { CapexByCompany } from "./features/capex/components/CapexByCompany.tsx";
import { DataFreshness } from "./features/freshness/components/DataFreshness.tsx";

export function App() {
  return (
    <>
      <header className="masthead">
        <h1>AI Capex Monitor</h1>
        <p className="masthead__thesis">
          AI infrastructure is paid for by shareholders, not yet by consumers. Is revenue keeping pace with the hyperscalers' capex?
        </p>
        <DataFreshness />
      </header>
      <main className="charts">
        <CapexByCompany />
      </main>
    </>
  );
}
