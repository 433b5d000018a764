// Numbers the way analysts write them, shared by the flag's sentences and the dashboard: USD
// billions with one decimal (`$84.3B`), ratios as percentages (`17.5%`), growth with a sign.

const oneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** USD millions as billions: 84,300 -> `$84.3B`, -5,000 -> `-$5.0B`, 1,149,200 -> `$1,149.2B`. */
export function usdBillions(usdMillions: number): string {
  return `${usdMillions < 0 ? "-" : ""}$${oneDecimal.format(Math.abs(usdMillions) / 1000)}B`;
}

/** 0.1745 -> `17.5%`. */
export function percent(ratio: number): string {
  return `${oneDecimal.format(ratio * 100)}%`;
}

/** Growth with a sign: 0.62 -> `+62.0%`, -0.05 -> `-5.0%`. */
export function growth(ratio: number): string {
  return `${ratio > 0 ? "+" : ratio < 0 ? "-" : ""}${oneDecimal.format(Math.abs(ratio) * 100)}%`;
}

/** A multiple: 2 -> `2.0x`. */
export function multiple(value: number): string {
  return `${oneDecimal.format(value)}x`;
}

/** A figure in millions with every decimal kept, as filings state it: 1102.497 -> `1,102.497`. */
export function exactMillions(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 6 });
}

/** A size in bytes as people say it: 10485760 -> `10 MB`, 11534336 -> `11 MB`, 524288 -> `512 KB`. */
export function byteSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}
