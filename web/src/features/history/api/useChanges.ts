import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, readJson } from "../../../lib/api.ts";

/** What changed from data version `from` (0: before any data) to `to` (null: the latest). */
export const changesQuery = (from: number, to: number | null) =>
  queryOptions({
    queryKey: ["changes", from, to],
    queryFn: async () =>
      readJson(await api.api.changes.$get({ query: { from: String(from), ...(to === null ? {} : { to: String(to) }) } })),
  });

export const useChanges = (from: number, to: number | null, enabled: boolean) => useQuery({ ...changesQuery(from, to), enabled });
