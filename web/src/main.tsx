import "./lib/zodConfig.ts";
import type { QueryKey } from "@tanstack/react-query";
import { startTransition } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";
import { readServerCharts } from "./components/chartIslands.ts";
import { queryClient } from "./lib/queryClient.ts";
import { PageRoot } from "./PageRoot.tsx";
import "./styles.css";
import "./features/scenarios/scenarios.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// The answers the server rendered the page from (a non-executing JSON block): no request repeats them.
const data = document.getElementById("page-data");
if (data?.textContent) {
  for (const [key, value] of JSON.parse(data.textContent) as [QueryKey, unknown][]) queryClient.setQueryData(key, value);
}

if (root.dataset.rendered === "server") {
  readServerCharts(root);
  // Hydrated in slices between which the page answers input, not in one long task.
  startTransition(() => {
    hydrateRoot(root, <PageRoot client={queryClient} />);
  });
} else {
  createRoot(root).render(<PageRoot client={queryClient} />);
}
