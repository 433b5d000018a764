// zod validation for route input; a failure becomes one 400 naming every bad parameter.
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import { BadRequestError } from "../errors.ts";

export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const details = parameterProblems(result.error);
      throw new BadRequestError(
        `Invalid ${target} parameter${details.length > 1 ? "s" : ""}: ${details.map((d) => d.parameter).join(", ")}`,
        details,
      );
    }
  });
}

/** Each bad parameter with why, an unknown one included (the CLIs report them the same way). */
export function parameterProblems(error: { issues: z.core.$ZodIssue[] }): { parameter: string; message: string }[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ parameter: key, message: "unknown parameter" }))
      : [{ parameter: issue.path.join("."), message: issue.message }],
  );
}

export const quarterParam = z.string().regex(/^\d{4}-Q[1-4]$/, "expected a quarter as YYYY-Qn");

/** `a,b` -> ["a", "b"], every id checked against the catalog (read per request: uploads add ids). */
export const idListParam = (knownIds: () => ReadonlySet<string> | ReadonlyMap<string, unknown>, what: string) =>
  z
    .string()
    .transform((text) =>
      text
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .superRefine((ids, ctx) => {
      if (ids.length === 0) ctx.addIssue({ code: "custom", message: `expected at least one ${what} id` });
      const known = knownIds();
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length > 0) ctx.addIssue({ code: "custom", message: `unknown ${what}: ${unknown.join(", ")}` });
    });

/** from <= to when both are given. */
export const quarterRangeInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
