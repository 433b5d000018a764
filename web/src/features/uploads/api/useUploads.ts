import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, readJson } from "../../../lib/api.ts";

export const uploadsQuery = queryOptions({
  queryKey: ["uploads"],
  queryFn: async () => readJson(await api.api.uploads.$get({ query: {} })),
});

export const useUploads = () => useQuery(uploadsQuery);
