import { describe, expect, it } from "vitest";
import { type AgedFigure, type App, ageInYears, killerAppWatch, median, moneyKind, valueAtAge } from "../../../server/domain/killerApps.ts";
import type { ThesisObservation } from "../../../server/domain/series.ts";

const at = (age: number, value: number): AgedFigure => ({
  app: "Y",
  metric: "monthly_active_users",
  period: "2000-Q1",
  periodEnd: "2000-01-01",
  age,
  value,
  basis: "reported",
  source: null,
});

describe("ageInYears", () => {
  it.each([
    ["2022-11-30", "2022-11-30", 0],
    ["2022-11-30", "2023-11-30", 365 / 365.25],
    // 1,278 days: ChatGPT's launch to its May 2026 figure.
    ["2022-11-30", "2026-05-31", 1278 / 365.25],
  ])("from %s to %s is %f years", (launched, date, expected) => {
    expect(ageInYears(launched, date)).toBeCloseTo(expected, 12);
  });
});

describe("valueAtAge", () => {
  const series = [at(1, 100), at(3, 400)];

  it("is log-linear between the figures before and after: halfway from 100 to 400 is 200, not 250", () => {
    expect(valueAtAge(series, 2)).toMatchObject({ how: "interpolated" });
    expect(valueAtAge(series, 2)?.value).toBeCloseTo(200, 9);
    // A quarter of the way: 100 x 4^(1/4) = 141.42...
    expect(valueAtAge(series, 1.5)?.value).toBeCloseTo(100 * 4 ** 0.25, 9);
  });

  it("takes a figure at exactly the age as observed", () => {
    expect(valueAtAge(series, 3)).toMatchObject({ value: 400, how: "observed" });
  });

  it.each([
    [0.2, 100],
    [3.9, 400],
  ])("takes the nearest figure within a year beyond the first or last (age %f)", (age, value) => {
    expect(valueAtAge(series, age)).toMatchObject({ value, how: "nearest" });
  });

  it.each([-0.5, 4.5])("has none more than a year beyond (age %f): never extrapolated", (age) => {
    expect(valueAtAge(series, age)).toBeNull();
  });
});

describe("median", () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])("of %j is %s", (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe("moneyKind", () => {
  it("says who pays: users for app-store spending, advertisers for Facebook's revenue", () => {
    expect(moneyKind("TIKTOK", "app_consumer_spending")).toBe("paid by users");
    expect(moneyKind("FACEBOOK", "app_revenue")).toBe("ad-funded");
    expect(moneyKind("KAKAOTALK", "app_revenue")).toBe("revenue, payer not stated");
  });
});

/** A small world: one AI app launched 2020-01-01, three yardsticks launched 2000-01-01. */
const apps: App[] = [
  { id: "BOT", name: "Bot", group: "ai_app", launched: "2020-01-01" },
  { id: "A", name: "Alpha", group: "earlier_killer_app", launched: "2000-01-01" },
  { id: "B", name: "Beta", group: "earlier_killer_app", launched: "2000-01-01" },
  { id: "C", name: "Gamma", group: "earlier_killer_app", launched: "2000-01-01" },
];
const figure = (entity: string, metric: string, period: string, periodEnd: string, value: number, unit = "users_m"): ThesisObservation => ({
  entity,
  metric,
  period,
  periodEnd,
  value,
  unit,
  basis: "reported",
  source: `src-${entity}`,
});
// Ages: 2002-01-01 is 731 days after 2000-01-01 (2.0014 years); 2022-01-01 is 731 days after 2020-01-01.
const world: ThesisObservation[] = [
  figure("BOT", "weekly_active_users", "2021-Q4", "2021-12-31", 150),
  figure("BOT", "monthly_active_users", "2022-Q1", "2022-01-01", 300),
  figure("BOT", "minutes_per_day", "2022-Q1", "2022-01-01", 70, "minutes"),
  figure("BOT", "app_consumer_spending", "2021-FY", "2021-12-31", 50, "USD_m"),
  figure("A", "monthly_active_users", "2002-Q1", "2002-01-01", 100),
  figure("B", "monthly_active_users", "2002-Q1", "2002-01-01", 400),
  figure("C", "monthly_active_users", "2002-Q1", "2002-01-01", 250),
  figure("A", "app_revenue", "2001-FY", "2001-12-31", 40, "USD_m"),
  figure("B", "app_revenue", "2001-FY", "2001-12-31", 80, "EUR_m"),
  figure("C", "app_consumer_spending", "2001-FY", "2001-12-31", 60, "USD_m"),
];

describe("killerAppWatch", () => {
  const params = { apps: null, yardsticks: null, minMinutes: 60 };
  const [bot] = killerAppWatch(world, apps, params).apps;

  it("tests reach with the app's latest active-user figure against the yardsticks' median at the same age", () => {
    // Latest: 300 monthly on 2022-01-01 (age 2.0014); the yardsticks at that age: 100, 400, 250 (each observed or nearest); median 250.
    expect(bot?.reach).toMatchObject({ status: "pass", ratio: 300 / 250, bar: { value: 250 } });
    expect(bot?.reach.sentence).toBe(
      "Bot: 300M monthly users at 2.0 years; the earlier killer apps had a median of 250M monthly users at that age",
    );
  });

  it("tests time against the threshold", () => {
    expect(bot?.time).toMatchObject({ status: "pass", sentence: "Bot: 70 minutes a day (2022 Q1); the test asks for 60" });
    expect(killerAppWatch(world, apps, { ...params, minMinutes: 71 }).apps[0]?.time.status).toBe("fail");
  });

  it("tests money in USD only: a yardstick in euros is left out, leaving two, median (40 + 60) / 2 = 50", () => {
    expect(bot?.money).toMatchObject({ status: "pass", ratio: 1, bar: { value: 50 } });
    expect(bot?.money.bar.yardsticks.map((y) => y.app).sort()).toEqual(["A", "C"]);
  });

  it("is a killer app when all three pass, and says so", () => {
    const watch = killerAppWatch(world, apps, params);
    expect(watch.killerApps).toEqual(["BOT"]);
    expect(watch.verdict).toBe("Bot passes all three tests: a consumer killer app by the column's test.");
  });

  it("is unknown with fewer than two yardsticks, saying why", () => {
    const watch = killerAppWatch(world, apps, { ...params, yardsticks: ["A"] });
    expect(watch.apps[0]?.reach).toMatchObject({ status: "unknown", ratio: null });
    expect(watch.apps[0]?.reach.sentence).toContain("fewer than 2 earlier killer apps have a monthly-user figure");
  });

  it("compares weekly users with monthly ones and says it is stricter", () => {
    const weeklyOnly = world.filter((o) => !(o.entity === "BOT" && o.metric === "monthly_active_users"));
    const [app] = killerAppWatch(weeklyOnly, apps, params).apps;
    expect(app?.reach.sentence).toMatch(
      /^Bot: 150M weekly users at 2\.0 years; .* \(against monthly users: a stricter test for weekly users\)$/,
    );
  });

  it("names who has which test when no app has all three", () => {
    const slow = world.map((o) => (o.metric === "minutes_per_day" ? { ...o, value: 10 } : o));
    expect(killerAppWatch(slow, apps, params).verdict).toBe(
      "No AI app passes all three: Bot has the reach, Bot has the money; Bot passes two, none all three.",
    );
  });
});
