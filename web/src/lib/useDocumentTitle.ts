import { createContext, useContext, useEffect } from "react";

const SITE = "AI Capex Monitor";

/** The server's page takes the title its render asks for (ssr/renderPage.tsx). */
export const DocumentTitleContext = createContext<((title: string) => void) | null>(null);

/** The tab's title says what the page shows: a tab among many, a bookmark, a shared link's preview. */
export function useDocumentTitle(title: string | null) {
  useContext(DocumentTitleContext)?.(title ? `${title} · ${SITE}` : SITE);
  useEffect(() => {
    document.title = title ? `${title} · ${SITE}` : SITE;
  }, [title]);
}
