import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, readJson } from "../../../lib/api.ts";

export function useRevertUpload() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => readJson(await api.api.uploads[":id"].revert.$post({ param: { id: String(id) } })),
    // A revert changes figures anywhere in the data, and the history: every cached answer is stale.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
