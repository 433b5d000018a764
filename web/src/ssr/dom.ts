// A document for drawing charts on the server. recharts 3 lays a chart out in effects (its store
// fills after the first render), so react-dom/server sends an empty box (recharts issue 5997); the
// server draws charts with react-dom's client into linkedom's DOM instead and keeps the SVG. Called
// once in the render worker, before react-dom/client is loaded (it looks for a DOM when loaded).
import { parseHTML } from "linkedom";

const NO_BOX = { x: 0, y: 0, top: 0, left: 0, right: 0, bottom: 0, width: 0, height: 0, toJSON: () => ({}) };

export function installDom(): void {
  const { window, document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  // No layout here: text measures nothing (every axis of the charts has a set width and ticks).
  const scope = window as unknown as Record<string, unknown>;
  scope.getComputedStyle = () => ({ fontSize: "", letterSpacing: "", getPropertyValue: () => "" });
  scope.matchMedia = () => ({ matches: false, addEventListener() {}, removeEventListener() {} });
  scope.requestAnimationFrame = (callback: (time: number) => void) => setTimeout(() => callback(performance.now()), 0);
  scope.cancelAnimationFrame = (handle: ReturnType<typeof setTimeout>) => clearTimeout(handle);
  (window.Element.prototype as unknown as { getBoundingClientRect: () => typeof NO_BOX }).getBoundingClientRect = () => NO_BOX;
  Object.assign(globalThis, {
    window,
    document,
    navigator: window.navigator,
    Node: window.Node,
    Element: window.Element,
    HTMLElement: window.HTMLElement,
    SVGElement: window.SVGElement,
    requestAnimationFrame: scope.requestAnimationFrame,
    cancelAnimationFrame: scope.cancelAnimationFrame,
  });
}
