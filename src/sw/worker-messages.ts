/** Messages the page sends the service worker (workbox-window's messageSkipWaiting sends SKIP_WAITING). */
export type WorkerMessage = { type: 'SKIP_WAITING' };

export function isWorkerMessage(data: unknown): data is WorkerMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING';
}
