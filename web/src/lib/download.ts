// Files the browser saves: a chart's table as CSV, the chart as SVG or PNG with its title, legend
// and source line drawn in, so a downloaded image still says what it shows and where it comes from.
import { writeCsvRecords } from "../../../server/csv/writeCsv.ts";
import { csvRecords, type Table } from "./chartTable.ts";
import type { Names } from "./reasons.ts";

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The chart's table through the exports' CSV writer: the same quoting and formula neutralisation. */
export function chartCsv(table: Table, names: Names): string {
  const { header, rows } = csvRecords(table, names);
  return writeCsvRecords(header, rows);
}

export interface ChartImageText {
  title: string;
  subtitle: string;
  source: string;
  legend: { label: string; color: string; dashed?: boolean }[];
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Greedy word wrap at roughly `width` pixels for a font of `size` pixels. */
function wrap(text: string, width: number, size: number): string[] {
  const perLine = Math.max(20, Math.floor(width / (size * 0.55)));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > perLine) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** CSS variables mean nothing outside the page: replace each with its current value. */
function resolveVariables(markup: string): string {
  const style = getComputedStyle(document.documentElement);
  return markup.replace(/var\((--[\w-]+)\)/g, (_, name: string) => style.getPropertyValue(name).trim() || "#888");
}

/**
 * The chart area as one standalone SVG: each chart surface placed where it is on the page (small
 * multiples keep their grid), a multiple's `data-multiple` title above it, then title, subtitle,
 * legend and source line around it.
 */
export function chartSvg(area: HTMLElement, text: ChartImageText): string {
  const box = area.getBoundingClientRect();
  const width = Math.round(box.width) || 800;
  const height = Math.round(box.height) || 360;
  const style = getComputedStyle(document.documentElement);
  const background = style.getPropertyValue("--surface").trim() || "#ffffff";
  const ink = style.getPropertyValue("--text").trim() || "#1d1d1f";
  const muted = style.getPropertyValue("--muted").trim() || "#5f6368";
  const parts: string[] = [];
  let y = 28;
  parts.push(`<text x="16" y="${y}" font-size="18" font-weight="600" fill="${ink}">${escapeXml(text.title)}</text>`);
  for (const line of wrap(text.subtitle, width - 32, 13)) {
    y += 18;
    parts.push(`<text x="16" y="${y}" font-size="13" fill="${muted}">${escapeXml(line)}</text>`);
  }
  y += 22;
  let x = 16;
  for (const item of text.legend) {
    const dash = item.dashed ? ` stroke-dasharray="4 3"` : "";
    parts.push(`<line x1="${x}" y1="${y - 4}" x2="${x + 18}" y2="${y - 4}" stroke="${item.color}" stroke-width="3"${dash}/>`);
    parts.push(`<text x="${x + 24}" y="${y}" font-size="12" fill="${ink}">${escapeXml(item.label)}</text>`);
    x += 24 + item.label.length * 7 + 18;
    if (x > width - 120) {
      x = 16;
      y += 18;
    }
  }
  const chartTop = y + 10;
  for (const surface of area.querySelectorAll("svg.recharts-surface")) {
    const place = surface.getBoundingClientRect();
    const [dx, dy] = [Math.round(place.left - box.left), Math.round(place.top - box.top) + chartTop];
    const title = surface.closest("[data-multiple]")?.getAttribute("data-multiple");
    if (title) parts.push(`<text x="${dx + 8}" y="${dy - 6}" font-size="12" font-weight="600" fill="${ink}">${escapeXml(title)}</text>`);
    parts.push(`<g transform="translate(${dx} ${dy})">${new XMLSerializer().serializeToString(surface)}</g>`);
  }
  y = chartTop + height + 8;
  for (const line of wrap(text.source, width - 32, 11)) {
    y += 15;
    parts.push(`<text x="16" y="${y}" font-size="11" fill="${muted}">${escapeXml(line)}</text>`);
  }
  const total = y + 14;
  return resolveVariables(
    [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}" font-family="${FONT}">`,
      `<rect width="100%" height="100%" fill="${background}"/>`,
      ...parts,
      "</svg>",
    ].join(""),
  );
}

/** The SVG drawn onto a canvas at twice the size, for sharp slides. */
export async function svgToPng(svg: string): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth * 2;
  canvas.height = image.naturalHeight * 2;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw the PNG: it has no 2D canvas");
  context.scale(2, 2);
  context.drawImage(image, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG encoding failed"))), "image/png"),
  );
}
