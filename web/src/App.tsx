import { lazy, Suspense } from "react";
import { CapexByCompany } from "./features/capex/components/CapexByCompany.tsx";
import { DataFreshness } from "./features/freshness/components/DataFreshness.tsx";
import { followLink, usePathname } from "./lib/navigation.ts";

// Only analysts open it: its code is a separate chunk, loaded on the way there.
const UploadsPage = lazy(() => import("./features/uploads/UploadsPage.tsx"));

export function App() {
  if (usePathname().startsWith("/uploads")) {
    return (
      <Suspense fallback={null}>
        <UploadsPage />
      </Suspense>
    );
  }
  return (
    <>
      <header className="masthead">
        <h1>AI Capex Monitor</h1>
        <p className="masthead__thesis">
          AI infrastructure is paid for by shareholders, not yet by consumers. Is revenue keeping pace with the hyperscalers' capex?
        </p>
        <DataFreshness />
        <a href="/uploads" onClick={followLink}>
          Upload data
        </a>
      </header>
      <main className="charts">
        <CapexByCompany />
      </main>
    </>
  );
}
