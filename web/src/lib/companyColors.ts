// One fixed colour per company everywhere (Okabe-Ito, safe for colour-blind readers). Red, amber
// and green stay free for the coverage flag.
const COMPANY_COLORS: Record<string, string> = {
  MSFT: "#0072B2",
  GOOGL: "#009E73",
  AMZN: "#E69F00",
  META: "#CC79A7",
};

export function companyColor(entity: string): string {
  return COMPANY_COLORS[entity] ?? "#777777";
}
