import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "../../../lib/api.ts";

export type ScenariosResponse = InferResponseType<typeof api.api.scenarios.$get, 200>;

export const scenariosQuery = (query: Record<string, string>) =>
  queryOptions({
    queryKey: ["scenarios", query],
    queryFn: async () => readJson(await api.api.scenarios.$get({ query })),
  });

/** Keeps showing the previous answers while a changed input is recomputed: the sentences change in place. */
export const useScenarios = (query: Record<string, string>) => useQuery({ ...scenariosQuery(query), placeholderData: keepPreviousData });
