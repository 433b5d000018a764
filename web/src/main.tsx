// The page's entry. It starts the page in stages, each in a task of its own, so that on a slow
// phone no single task holds the main thread: evaluating every module at once, then the data and
// the hydration, was one task of 310 ms at 4x CPU. The stages' chunks are preloaded with the page
// (vite.config.ts), so staging them costs no round trips.
import { startTransition } from "react";
import "./styles.css";
import "./features/scenarios/scenarios.css";

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function start(root: HTMLElement) {
  const { createRoot, hydrateRoot } = await import("react-dom/client");
  await nextTask();
  // zod's configuration first, before any module makes a schema.
  await import("./lib/zodConfig.ts");
  await nextTask();
  const { queryClient } = await import("./lib/queryClient.ts");
  await nextTask();
  const [{ PageRoot }, { readServerCharts }] = await Promise.all([import("./PageRoot.tsx"), import("./components/chartIslands.ts")]);
  await nextTask();
  // The answers the server rendered the page from (a non-executing JSON block): no request repeats them.
  const data = document.getElementById("page-data");
  if (data?.textContent) {
    for (const [key, value] of JSON.parse(data.textContent) as [readonly unknown[], unknown][]) queryClient.setQueryData(key, value);
  }
  await nextTask();
  const page = <PageRoot client={queryClient} />;
  if (root.dataset.rendered === "server") {
    readServerCharts(root);
    // Hydrated in slices between which the page answers input, not in one long task.
    startTransition(() => {
      hydrateRoot(root, page);
    });
  } else {
    createRoot(root).render(page);
  }
}

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
void start(root);
