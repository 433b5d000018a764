// zod validation for route input; a failure becomes one 400 naming every bad parameter.
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { parameterProblems } from "../domain/parameters.ts";
import { BadRequestError } from "../errors.ts";

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
