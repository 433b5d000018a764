import { useEffect } from "react";

const SITE = "AI Capex Monitor";

/** The tab's title says what the page shows: a tab among many, a bookmark, a shared link's preview. */
export function useDocumentTitle(title: string | null) {
  useEffect(() => {
    document.title = title ? `${title} · ${SITE}` : SITE;
  }, [title]);
}
