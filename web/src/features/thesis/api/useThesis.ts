import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, readJson } from "../../../lib/api.ts";

export const thesisQuery = (query: Record<string, string>) =>
  queryOptions({
    queryKey: ["thesis", query],
    queryFn: async () => readJson(await api.api.thesis.$get({ query })),
  });

/** Keeps showing the previous view while a changed parameter is recomputed: no flash of skeletons. */
export const useThesis = (query: Record<string, string>, enabled: boolean) =>
  useQuery({ ...thesisQuery(query), enabled, placeholderData: keepPreviousData });
