// Where the story turns on the time axis, each with its source: ChatGPT's launch, the column this
// dashboard tests, and the definition breaks README and data/README.md list that change a series a
// chart draws. A chart draws each as a dotted line with a short label, lists it under the chart
// and in its Table view and downloads. Amazon's net-of-incentives capex and Spotify's euros are not
// drawn, and Netflix's DVD revenue is on the earlier-cycles chart, whose axis is years since each
// cycle began, so none of those is marked.
import { DEFAULT_THESIS_PARAMS } from "../../../server/domain/thesis.ts";
import type { Cell, Column, Table } from "./chartTable.ts";
import { formatPeriod } from "./format.ts";

export interface Annotation {
  id: string;
  /** The calendar quarter it is drawn at. */
  quarter: string;
  /** When it happened, as precisely as the source says. */
  when: string;
  /** A few words on the chart. */
  label: string;
  /** What happened and what it means for the series. */
  text: string;
  source: { label: string; href: string | null };
  /** The charts it concerns: those that draw the series it changes. */
  charts: readonly string[];
}

const TIME_CHARTS = ["capex-by-company", "coverage", "capex-vs-ai-revenue", "capex-intensity", "sequoia-gap", "funding", "depreciation"];
const DATA_README = { label: "data/README.md, Definition changes", href: null };
const secFiling = (label: string, cik: number, accession: string) => ({
  label: `${label} (SEC EDGAR, accession ${accession})`,
  href: `https://www.sec.gov/Archives/edgar/data/${cik}/${accession.replaceAll("-", "")}/`,
});

export const ANNOTATIONS: readonly Annotation[] = [
  {
    id: "chatgpt",
    quarter: DEFAULT_THESIS_PARAMS.aiCycleStart,
    when: "2022-11-30",
    label: "ChatGPT",
    text: "OpenAI launches ChatGPT: year 0 of the AI cycle",
    source: { label: 'OpenAI, "Introducing ChatGPT"', href: "https://openai.com/index/chatgpt/" },
    charts: TIME_CHARTS,
  },
  {
    id: "column",
    quarter: "2024-Q2",
    when: "mid-2024",
    label: "The column",
    text: "The market column this dashboard tests, about a year and a half after ChatGPT: no consumer killer app yet, AI servers paid for by shareholders",
    source: {
      label: "\"Can the AI industry keep rising? The key is a 'killer app'\", Hankyung Market PRO (README, Methodology)",
      href: null,
    },
    charts: TIME_CHARTS,
  },
  {
    id: "msft-revenue-standard",
    quarter: "2016-Q3",
    when: "fiscal 2017 (from July 2016)",
    label: "MSFT ASC 606",
    text: "Microsoft's revenue from fiscal 2017 is on the new revenue standard (ASC 606, as its fiscal 2018 10-K recast it); earlier quarters are on the old one",
    source: secFiling("Microsoft 10-K for fiscal 2018", 789019, "0001564590-18-019062"),
    charts: ["capex-intensity"],
  },
  {
    id: "meta-capex-revised",
    quarter: "2020-Q1",
    when: "2020 to 2023",
    label: "Meta revised",
    text: "Meta later revised its 2020 to 2023 capex; the quarters here are as first reported",
    source: secFiling("Meta 10-K for 2022", 1326801, "0001326801-23-000013"),
    charts: ["capex-by-company"],
  },
  {
    id: "nvidia-mellanox",
    quarter: "2020-Q2",
    when: "fiscal 2021 Q2",
    label: "Mellanox",
    text: "NVIDIA's Data Center segment includes Mellanox from fiscal 2021 Q2",
    source: DATA_README,
    charts: ["sequoia-gap"],
  },
  {
    id: "alphabet-da",
    quarter: "2021-Q1",
    when: "2021 and 2022",
    label: "Alphabet D&A",
    text: "Alphabet's D&A for 2021 and 2022 is left empty because sources conflict, so the aggregate D&A is missing there",
    source: DATA_README,
    charts: ["depreciation"],
  },
  {
    id: "msft-resegmented",
    quarter: "2024-Q3",
    when: "August 2024",
    label: "MSFT re-segments",
    text: "Microsoft re-segments Intelligent Cloud and restates its history",
    source: secFiling("Microsoft 10-K for fiscal 2025", 789019, "0000950170-25-100235"),
    charts: ["capex-vs-ai-revenue"],
  },
  {
    id: "nvidia-segments",
    quarter: "2026-Q1",
    when: "fiscal 2027 Q1",
    label: "NVIDIA segments",
    text: "NVIDIA reorganises its segments",
    source: DATA_README,
    charts: ["sequoia-gap"],
  },
];

/** The annotations of a chart that fall within its quarters, in time order. */
export function annotationsFor(chart: string, quarters: readonly string[]): Annotation[] {
  const shown = new Set(quarters);
  return ANNOTATIONS.filter((a) => a.charts.includes(chart) && shown.has(a.quarter)).sort((a, b) => a.quarter.localeCompare(b.quarter));
}

/** An annotation in one line of text: what, when and its source, the way a note or a table cell says it. */
export function annotationText(a: Annotation): string {
  return `${a.label} (${formatPeriod(a.quarter)}, ${a.when}): ${a.text}. Source: ${a.source.label}${a.source.href ? `, ${a.source.href}` : ""}.`;
}

const EVENT_COLUMN: Column = { key: "annotation", header: "Marked on the time axis", kind: "text" };

/** A chart's table with a column naming, in each quarter's row, what happened then. */
export function withAnnotations(table: Table, annotations: readonly Annotation[]): Table {
  const [first] = table.columns;
  if (annotations.length === 0 || first?.kind !== "quarter") return table;
  return {
    columns: [...table.columns, EVENT_COLUMN],
    rows: table.rows.map((row) => {
      const here = annotations.filter((a) => a.quarter === row[first.key]?.value);
      const cell: Cell =
        here.length === 0 ? { value: "" } : { value: here.map(annotationText).join(" "), href: here[0]?.source.href ?? null };
      return { ...row, [EVENT_COLUMN.key]: cell };
    }),
  };
}
