import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, readJson } from "../../../lib/api.ts";

export const healthQuery = queryOptions({
  queryKey: ["health"],
  queryFn: async () => readJson(await api.api.health.$get()),
});

export const useHealth = () => useQuery(healthQuery);
