import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, readJson } from "../../../lib/api.ts";

export const killerAppsQuery = (query: Record<string, string>) =>
  queryOptions({
    queryKey: ["killer-apps", query],
    queryFn: async () => readJson(await api.api["killer-apps"].$get({ query })),
  });

export const useKillerApps = (query: Record<string, string>) => useQuery({ ...killerAppsQuery(query), placeholderData: keepPreviousData });
