import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, readJson } from "../../../lib/api.ts";

/** Every data version's verdict, and each quarter's flag as first published and today. */
export const historyQuery = queryOptions({
  queryKey: ["history"],
  queryFn: async () => readJson(await api.api.history.$get({ query: {} })),
});

export const useHistory = () => useQuery(historyQuery);
