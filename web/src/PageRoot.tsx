// The page's whole tree, the same in the browser and on the server (ssr/renderPage.tsx), so the
// browser hydrates exactly what the server rendered.
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, useEffect } from "react";
import { App } from "./App.tsx";
import { ErrorBoundary } from "./components/ErrorBoundary.tsx";

/** Marks the page as answering input (tests and the benchmarks wait for it). */
function Hydrated() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}

export function PageRoot({ client }: { client: QueryClient }) {
  return (
    <StrictMode>
      <QueryClientProvider client={client}>
        <ErrorBoundary>
          <App />
        </ErrorBoundary>
        <Hydrated />
      </QueryClientProvider>
    </StrictMode>
  );
}
