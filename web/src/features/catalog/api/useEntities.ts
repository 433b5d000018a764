import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, readJson } from "../../../lib/api.ts";

export const entitiesQuery = queryOptions({
  queryKey: ["entities"],
  queryFn: async () => readJson(await api.api.entities.$get()),
  staleTime: Infinity,
});

export const useEntities = () => useQuery(entitiesQuery);
