// zod validation for route input; a failure becomes one 400 naming every bad parameter. A query's
// text is bounded before any schema reads it, so no parameter can make the work grow.
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { createMiddleware } from "hono/factory";
import type { z } from "zod";
import { parameterProblems } from "../domain/parameters.ts";
import { BadRequestError } from "../errors.ts";

/** The longest value of one query parameter: 100 ids of 16 characters fit with room to spare. */
export const MAX_PARAMETER_LENGTH = 2048;
/** The most parameters one query may have. */
export const MAX_PARAMETERS = 32;

export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const details = parameterProblems(result.error);
      throw new BadRequestError(
        `Invalid ${target} parameter${details.length > 1 ? "s" : ""}: ${details.map((d) => `${d.parameter} (${d.message})`).join(", ")}`,
        details,
      );
    }
  });
}

/** 400 for a query with too many parameters, one given twice, or a value over MAX_PARAMETER_LENGTH. */
export const boundedQuery = createMiddleware(async (c, next) => {
  const query = new URL(c.req.url).searchParams;
  const names = [...query.keys()];
  if (names.length > MAX_PARAMETERS) {
    throw new BadRequestError(`Too many query parameters: at most ${MAX_PARAMETERS}`, [
      { parameter: "query", message: `expected at most ${MAX_PARAMETERS} parameters, got ${names.length}` },
    ]);
  }
  const problems = [...new Set(names)].flatMap((name) => {
    const values = query.getAll(name);
    if (name.length > MAX_PARAMETER_LENGTH) return [{ parameter: name.slice(0, 64), message: "parameter name too long" }];
    if (values.length > 1) return [{ parameter: name, message: `given ${values.length} times; give it once` }];
    const length = values[0]?.length ?? 0;
    return length > MAX_PARAMETER_LENGTH
      ? [{ parameter: name, message: `longer than ${MAX_PARAMETER_LENGTH} characters (${length})` }]
      : [];
  });
  if (problems.length > 0) {
    throw new BadRequestError(`Invalid query: ${problems.map((p) => `${p.parameter} (${p.message})`).join(", ")}`, problems);
  }
  await next();
});
