/**
 * Hands bytes made on the phone to the browser as a download (no network: a Blob and an
 * object URL). Returns the URL so the screen can also offer a link the user taps, for
 * browsers that block a download started after a long wait; revoke it when done.
 */
export function saveFile(bytes: Uint8Array, fileName: string, type: string): string {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  return url;
}
