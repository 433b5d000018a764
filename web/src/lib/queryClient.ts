import { QueryClient } from "@tanstack/react-query";

// Figures change only when an analyst uploads; a minute of freshness saves needless refetches.
export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 60_000, retry: 1 } },
});
