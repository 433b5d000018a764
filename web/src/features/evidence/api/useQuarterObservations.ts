import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, readJson } from "../../../lib/api.ts";

/** Every figure dated in one quarter: what the numbers of that quarter are made of. */
export const quarterObservationsQuery = (quarter: string) =>
  queryOptions({
    queryKey: ["observations", "quarter", quarter],
    queryFn: async () => readJson(await api.api.observations.$get({ query: { from: quarter, to: quarter } })),
  });

export const useQuarterObservations = (quarter: string | null) =>
  useQuery({ ...quarterObservationsQuery(quarter ?? ""), enabled: quarter !== null });
