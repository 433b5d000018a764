import { describe, expect, it } from "vitest";
import { LARGE_REVISION, revisionSize } from "../../../server/domain/revisions.ts";

describe("revisionSize", () => {
  it.each([
    [100, 100, 0],
    [100, 150, 0.5],
    [100, 40, 0.6],
    [-100, -250, 1.5],
    [0, 5, Infinity],
  ])("from %d to %d is %d of the earlier figure", (previous, next, size) => {
    expect(revisionSize(previous, next)).toBe(size);
  });

  it("calls a revision large only beyond half the earlier figure", () => {
    expect(revisionSize(100, 150) > LARGE_REVISION).toBe(false);
    expect(revisionSize(100, 151) > LARGE_REVISION).toBe(true);
  });
});
