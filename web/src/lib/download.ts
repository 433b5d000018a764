// Files the browser saves: a chart's table as CSV, and the chart as SVG or PNG, the one export
// renderer for both: title, subtitle, legend, the chart, source line and notes, wrapped to the
// image's width by measuring the text, always in the light palette, with every style the page's
// stylesheet gave an element written onto it (a standalone SVG has no stylesheet: the hollow
// "missing" markers came out solid) and nothing clipped at the chart's edges.
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
  /** The notes under the chart (definition breaks, annotations), a paragraph each. */
  notes: string[];
  legend: { label: string; color: string; dashed?: boolean }[];
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const MARGIN = 16;

/** The properties a stylesheet may set on chart elements that an SVG file must carry itself. */
const STYLED = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-opacity",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "paint-order",
] as const;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

let measuring: CanvasRenderingContext2D | null = null;

/** A text's width in pixels, as the browser will draw it. */
function textWidth(text: string, size: number, weight = 400): number {
  measuring ??= document.createElement("canvas").getContext("2d");
  if (!measuring) return text.length * size * 0.6;
  measuring.font = `${weight} ${size}px ${FONT}`;
  return measuring.measureText(text).width;
}

/** Greedy word wrap by measured width: no line wider than `width`. */
function wrap(text: string, width: number, size: number, weight = 400): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, size, weight) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A copy of a chart surface with each element's computed style written on it, hidden ones left out. */
function standalone(surface: SVGSVGElement): SVGSVGElement {
  const copy = surface.cloneNode(true) as SVGSVGElement;
  const originals = [surface, ...surface.querySelectorAll("*")];
  const copies = [copy, ...copy.querySelectorAll("*")];
  originals.forEach((original, i) => {
    const element = copies[i];
    if (!element) return;
    const style = getComputedStyle(original);
    if (style.display === "none" || style.visibility === "hidden") {
      element.remove();
      return;
    }
    for (const property of STYLED) element.setAttribute(property, style.getPropertyValue(property));
    element.removeAttribute("class");
    element.removeAttribute("tabindex");
    element.removeAttribute("style");
  });
  // What is drawn past the surface's edge (the last tick's label) stays in the picture.
  copy.setAttribute("overflow", "visible");
  return copy;
}

/**
 * The chart as one standalone SVG, drawn from the frame in the light palette: each chart surface
 * placed as on the page (small multiples keep their grid), a multiple's `data-multiple` title
 * above it, then the text around it.
 */
export function chartSvg(frame: HTMLElement, area: HTMLElement, text: ChartImageText): string {
  frame.classList.add("theme-light");
  try {
    return drawChart(frame, area, text);
  } finally {
    frame.classList.remove("theme-light");
  }
}

function drawChart(frame: HTMLElement, area: HTMLElement, text: ChartImageText): string {
  const box = area.getBoundingClientRect();
  const surfaces = [...area.querySelectorAll<SVGSVGElement>("svg.recharts-surface")];
  // The chart's drawing may reach past its box (a tick label at the right edge): the image holds it.
  const overflow = surfaces.reduce((right, surface) => {
    const place = surface.getBoundingClientRect();
    const drawn = surface.getBBox();
    return Math.max(right, place.left - box.left + drawn.x + drawn.width - box.width);
  }, 0);
  const width = Math.ceil(box.width + Math.max(0, overflow) + 2 * MARGIN);
  const textWidthAvailable = width - 2 * MARGIN;
  const palette = getComputedStyle(frame);
  const background = palette.getPropertyValue("--surface").trim();
  const ink = palette.getPropertyValue("--text").trim();
  const muted = palette.getPropertyValue("--muted").trim();
  const parts: string[] = [];
  const line = (content: string, y: number, size: number, color: string, weight = 400, x = MARGIN) =>
    parts.push(`<text x="${x}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${color}">${escapeXml(content)}</text>`);

  let y = 8;
  /** A wrapped paragraph, each line `leading` below the last. */
  const paragraph = (content: string, size: number, leading: number, color: string, weight = 400) => {
    for (const wrapped of wrap(content, textWidthAvailable, size, weight)) {
      y += leading;
      line(wrapped, y, size, color, weight);
    }
  };
  paragraph(text.title, 18, 24, ink, 600);
  y += 4;
  paragraph(text.subtitle, 13, 18, muted);
  y += 24;
  let x = MARGIN;
  for (const item of text.legend) {
    const itemWidth = 24 + textWidth(item.label, 12) + 18;
    if (x > MARGIN && x + itemWidth > width - MARGIN) {
      x = MARGIN;
      y += 18;
    }
    const dash = item.dashed ? ` stroke-dasharray="4 3"` : "";
    const color = item.color.startsWith("var(") ? palette.getPropertyValue(item.color.slice(4, -1)).trim() : item.color;
    parts.push(`<line x1="${x}" y1="${y - 4}" x2="${x + 18}" y2="${y - 4}" stroke="${color}" stroke-width="3"${dash}/>`);
    line(item.label, y, 12, ink, 400, x + 24);
    x += itemWidth;
  }
  const chartTop = y + 12;
  for (const surface of surfaces) {
    const place = surface.getBoundingClientRect();
    const [dx, dy] = [MARGIN + Math.round(place.left - box.left), Math.round(place.top - box.top) + chartTop];
    const title = surface.closest("[data-multiple]")?.getAttribute("data-multiple");
    if (title) line(title, dy - 6, 12, ink, 600, dx + 8);
    parts.push(`<g transform="translate(${dx} ${dy})">${new XMLSerializer().serializeToString(standalone(surface))}</g>`);
  }
  y = chartTop + Math.round(box.height) + 8;
  paragraph(text.source, 11, 15, muted);
  for (const note of text.notes) {
    y += 4;
    paragraph(note, 11, 15, muted);
  }
  const height = y + 14;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<rect width="100%" height="100%" fill="${background}"/>`,
    ...parts,
    "</svg>",
  ].join("");
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
