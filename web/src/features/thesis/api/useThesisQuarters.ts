import { useQuery } from "@tanstack/react-query";
import { thesisQuery } from "./useThesis.ts";

/** Every quarter of the default thesis, for the date-range pickers (independent of the range chosen). */
export function useThesisQuarters(): string[] {
  const thesis = useQuery({ ...thesisQuery({}), select: (data) => data.quarters.map((q) => q.quarter) });
  return thesis.data ?? [];
}
