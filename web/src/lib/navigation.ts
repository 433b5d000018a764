// Moving between the dashboard and the upload pages without reloading: the History API and its
// popstate event, so the query cache (and the figures an upload just changed) stay in memory.
import { type MouseEvent, useSyncExternalStore } from "react";

function subscribe(onChange: () => void) {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
}

/** The address the server renders the page for (ssr/renderPage.tsx); in the browser, the window's. */
const serverLocation = { rendering: false, pathname: "/", search: "" };

export function setServerLocation(pathname: string, search: string) {
  serverLocation.rendering = true;
  serverLocation.pathname = pathname;
  serverLocation.search = search;
}

/** useSyncExternalStore's snapshot while rendering on the server, and while hydrating what it sent. */
export const serverSnapshotOf = (part: "pathname" | "search") => () =>
  serverLocation.rendering ? serverLocation[part] : window.location[part];

const readServerPathname = serverSnapshotOf("pathname");

export const usePathname = () => useSyncExternalStore(subscribe, () => window.location.pathname, readServerPathname);

export const useSearch = () => useSyncExternalStore(subscribe, () => window.location.search);

export function navigate(path: string) {
  window.history.pushState(null, "", path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

/** onClick of an `<a href>` inside the app: follows it in place, unless a new tab is asked for. */
export function followLink(event: MouseEvent<HTMLAnchorElement>) {
  const href = event.currentTarget.getAttribute("href");
  if (href === null || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(href);
}
