// Moving between the dashboard and the upload pages without reloading: the History API and its
// popstate event, so the query cache (and the figures an upload just changed) stay in memory.
import { type MouseEvent, useSyncExternalStore } from "react";

function subscribe(onChange: () => void) {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
}

export const usePathname = () => useSyncExternalStore(subscribe, () => window.location.pathname);

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
