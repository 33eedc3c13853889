/**
 * An address a tool gave back (a ticket, an uploaded file's folder) as a link the app may
 * show and follow: only an http(s) web page. A `javascript:` or broken address gives null,
 * and the app shows it as text, never as a link.
 */
export function webLink(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
