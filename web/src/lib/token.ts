// The API token the analyst entered, kept for this browser tab only (sessionStorage): closing the
// tab forgets it, and no other tab or later visit sees it.
const KEY = "ai-capex-monitor.token";

export const readToken = (): string | null => sessionStorage.getItem(KEY);
export const saveToken = (token: string) => sessionStorage.setItem(KEY, token.trim());
export const forgetToken = () => sessionStorage.removeItem(KEY);

/** The Authorization header for the stored token; none without one (reads are usually open). */
export function authorizationHeader(): Record<string, string> {
  const token = readToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}
