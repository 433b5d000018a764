import { queryOptions, useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "../../../lib/api.ts";

export type UploadDetail = InferResponseType<(typeof api.api.uploads)[":id"]["$get"], 200>;

export const uploadQuery = (id: number) =>
  queryOptions({
    queryKey: ["uploads", id],
    queryFn: async () => readJson(await api.api.uploads[":id"].$get({ param: { id: String(id) } })),
  });

export const useUpload = (id: number) => useQuery(uploadQuery(id));
