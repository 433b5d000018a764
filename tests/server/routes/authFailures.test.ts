import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { authFailures } from "../../../server/routes/authFailures.ts";

/** A limiter of 3 failures a minute on a clock the test moves. */
function limiter() {
  let time = 1_000_000;
  const failures = authFailures({ limit: 3, windowSeconds: 60 }, () => time);
  return { failures, advance: (seconds: number) => (time += seconds * 1000) };
}

beforeEach(() => vi.spyOn(console, "warn").mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

describe("authFailures", () => {
  it("lets an address fail up to the limit, then asks it to wait for the rest of its window", () => {
    const { failures, advance } = limiter();
    failures.record("10.0.0.1");
    failures.record("10.0.0.1");
    expect(failures.retryAfter("10.0.0.1")).toBe(0);
    advance(15);
    failures.record("10.0.0.1");
    expect(failures.retryAfter("10.0.0.1")).toBe(45);
    expect(failures.retryAfter("10.0.0.2")).toBe(0);
  });

  it("forgets an address once its window has passed", () => {
    const { failures, advance } = limiter();
    for (let i = 0; i < 3; i++) failures.record("10.0.0.1");
    advance(60);
    expect(failures.retryAfter("10.0.0.1")).toBe(0);
    failures.record("10.0.0.1");
    expect(failures.retryAfter("10.0.0.1")).toBe(0);
  });

  it("logs one line when an address reaches the limit, naming it", () => {
    const { failures } = limiter();
    for (let i = 0; i < 5; i++) failures.record("10.0.0.9");
    expect(console.warn).toHaveBeenCalledTimes(1);
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/^auth: 3 invalid tokens from 10\.0\.0\.9 within 60 s/));
  });
});
