import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, readJson } from "../../../lib/api.ts";

export const metricsQuery = queryOptions({
  queryKey: ["metrics"],
  queryFn: async () => readJson(await api.api.metrics.$get()),
  staleTime: Infinity,
});

export const useMetrics = () => useQuery(metricsQuery);
