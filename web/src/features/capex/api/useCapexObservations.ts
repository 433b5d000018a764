import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, readJson } from "../../../lib/api.ts";

/** The capex of these companies, as it stood at `asOf` (a data version or date) or now (null). */
export const capexObservationsQuery = (companies: string[], asOf: string | null) =>
  queryOptions({
    queryKey: ["observations", "capex", companies, asOf],
    queryFn: async () =>
      readJson(await api.api.observations.$get({ query: { metric: "capex", entity: companies.join(","), ...(asOf ? { asOf } : {}) } })),
  });

export const useCapexObservations = (companies: string[], asOf: string | null) => useQuery(capexObservationsQuery(companies, asOf));
