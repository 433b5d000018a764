// Colour carries meaning: companies keep theirs (companyColors.ts); these are for the other series
// (Okabe-Ito's remaining hues) and for the flag alone (red, amber, green).
export const SERIES_COLORS = {
  aggregate: "var(--text)",
  aiRevenue: "#D55E00",
  cloudRevenue: "#56B4E9",
  required: "var(--muted)",
  iphone: "#56B4E9",
  netflix: "#8C6D00",
  /** The scenarios' depreciation of the build-out by cohorts. */
  depreciation: "#0072B2",
} as const;

export const FLAG_COLORS = {
  red: "#C62828",
  amber: "#E0A100",
  green: "#2E7D32",
  unknown: "#8A8F98",
} as const;
