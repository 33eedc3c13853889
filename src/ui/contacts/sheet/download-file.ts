/**
 * Hands a file made on the phone to the browser's downloads (no server: works offline).
 * The object URL is revoked a minute later, once the download has surely started.
 */
export function downloadFile(content: Uint8Array | string, fileName: string, type: string): void {
  const blob = new Blob([content as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name part from user-typed text: letters, digits, '-' and '_' only. */
export function fileNamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'muster';
}
