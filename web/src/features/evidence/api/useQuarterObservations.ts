import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, readJson } from "../../../lib/api.ts";

/** Every figure dated in one quarter (as it stood at `asOf`, if set): what the numbers of that quarter are made of. */
export const quarterObservationsQuery = (quarter: string, asOf: string | null) =>
  queryOptions({
    queryKey: ["observations", "quarter", quarter, asOf],
    queryFn: async () => readJson(await api.api.observations.$get({ query: { from: quarter, to: quarter, ...(asOf ? { asOf } : {}) } })),
  });

export const useQuarterObservations = (quarter: string | null, asOf: string | null) =>
  useQuery({ ...quarterObservationsQuery(quarter ?? "", asOf), enabled: quarter !== null });
