// Copying a link: the Clipboard API where the page may use it (a secure context), otherwise the
// older copy command on a selected text field, so a plain-http deployment still copies.
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.style.cssText = "position:fixed;left:-9999px";
  document.body.append(field);
  field.select();
  const copied = document.execCommand("copy");
  field.remove();
  if (!copied) throw new Error("This browser would not copy the link");
}

/** The address of the view, or of one part of it (`#chart-id`), as a link to share. */
export function viewLink(fragment?: string): string {
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${search}${fragment ? `#${fragment}` : ""}`;
}
