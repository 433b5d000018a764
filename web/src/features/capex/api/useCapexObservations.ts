import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, readJson } from "../../../lib/api.ts";

export const capexObservationsQuery = (companies: string[]) =>
  queryOptions({
    queryKey: ["observations", "capex", companies],
    queryFn: async () => readJson(await api.api.observations.$get({ query: { metric: "capex", entity: companies.join(",") } })),
  });

export const useCapexObservations = (companies: string[]) => useQuery(capexObservationsQuery(companies));
