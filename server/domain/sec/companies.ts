// Which SEC XBRL tags give which metric, per company: the one table the importer reads (README
// "Figures from the SEC"). To follow a new company or tag, add a row here; the CIK is the SEC's
// number for the registrant (https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=...).

/** The metrics companyfacts can give; every other metric stays a CSV upload. */
export const SEC_METRICS = ["capex", "operating_cash_flow", "depreciation_amortization", "revenue"] as const;
export type SecMetric = (typeof SEC_METRICS)[number];

/** A metric's us-gaap tags, or why companyfacts does not have it for this company. */
export type TagChoice = { tags: readonly string[] } | { unavailable: string };

export interface SecCompany {
  entity: string;
  cik: number;
  /** The month its fiscal year ends in (a 52/53-week year ends near that month's end). */
  fiscalYearEndMonth: number;
  metrics: Record<SecMetric, TagChoice>;
}

// Shared rows. When a company files a period under more than one tag (a tag switch), the fact
// filed latest for that period wins: NVIDIA's capex moved from ...PropertyPlantAndEquipment (last
// filed 2020) to ...ProductiveAssets, Alphabet's revenue to Revenues in 2025.
const CAPEX = { tags: ["PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets"] };
const OPERATING_CASH_FLOW = { tags: ["NetCashProvidedByUsedInOperatingActivities"] };
const REVENUE = { tags: ["Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax"] };

export const SEC_COMPANIES: readonly SecCompany[] = [
  {
    entity: "MSFT",
    cik: 789019,
    fiscalYearEndMonth: 6,
    metrics: {
      capex: CAPEX,
      operating_cash_flow: OPERATING_CASH_FLOW,
      depreciation_amortization: {
        unavailable:
          'Microsoft\'s cash-flow line "Depreciation, amortization, and other" is the company extension msft:DepreciationAmortizationAndOther, which companyfacts leaves out',
      },
      revenue: REVENUE,
    },
  },
  {
    entity: "GOOGL",
    cik: 1652044,
    fiscalYearEndMonth: 12,
    metrics: {
      capex: CAPEX,
      operating_cash_flow: OPERATING_CASH_FLOW,
      // "Depreciation of property and equipment": Alphabet shows no amortization line (data/README.md).
      depreciation_amortization: { tags: ["Depreciation"] },
      revenue: REVENUE,
    },
  },
  {
    entity: "AMZN",
    cik: 1018724,
    fiscalYearEndMonth: 12,
    metrics: {
      // Amazon's ...PropertyPlantAndEquipment was its line net of incentives until 2016
      // (capex_net_of_incentives here); the gross "capex" line is ...ProductiveAssets.
      capex: { tags: ["PaymentsToAcquireProductiveAssets"] },
      operating_cash_flow: OPERATING_CASH_FLOW,
      depreciation_amortization: { tags: ["DepreciationDepletionAndAmortization", "DepreciationAndAmortization"] },
      revenue: REVENUE,
    },
  },
  {
    entity: "META",
    cik: 1326801,
    fiscalYearEndMonth: 12,
    metrics: {
      capex: CAPEX,
      operating_cash_flow: OPERATING_CASH_FLOW,
      depreciation_amortization: { tags: ["DepreciationDepletionAndAmortization"] },
      revenue: REVENUE,
    },
  },
  {
    entity: "NVDA",
    cik: 1045810,
    fiscalYearEndMonth: 1,
    metrics: {
      capex: CAPEX,
      operating_cash_flow: OPERATING_CASH_FLOW,
      depreciation_amortization: { tags: ["DepreciationDepletionAndAmortization", "DepreciationAndAmortization"] },
      revenue: REVENUE,
    },
  },
];

/** Metrics no company's companyfacts holds: segment figures are only in each filing's XBRL instance. */
export const SEC_UNAVAILABLE_METRICS: readonly { metric: string; reason: string }[] = [
  {
    metric: "cloud_revenue",
    reason:
      "segment revenue (AWS, Google Cloud, Intelligent Cloud) is tagged under StatementBusinessSegmentsAxis, which companyfacts leaves out",
  },
  {
    metric: "datacenter_revenue",
    reason: "NVIDIA's Data Center revenue is a segment figure (StatementBusinessSegmentsAxis), which companyfacts leaves out",
  },
];

export function secCompany(entity: string): SecCompany | undefined {
  return SEC_COMPANIES.find((company) => company.entity === entity);
}

export function secCompanyByCik(cik: number): SecCompany | undefined {
  return SEC_COMPANIES.find((company) => company.cik === cik);
}

/** Where a company's companyfacts are on data.sec.gov: the CIK padded to ten digits. */
export function companyFactsPath(cik: number): string {
  return `/api/xbrl/companyfacts/CIK${String(cik).padStart(10, "0")}.json`;
}

/** A filing's folder on sec.gov, which lists its documents. */
export function filingFolderUrl(cik: number, accession: string): string {
  return `https://www.sec.gov/Archives/edgar/data/${cik}/${accession.replaceAll("-", "")}/`;
}
