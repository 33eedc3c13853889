/**
 * A full disk, simulated at the IndexedDB boundary: adds to `storeName` throw the
 * QuotaExceededError a browser raises. Returns the function that puts the disk back.
 */
export function fillDiskFor(storeName: 'log' | 'outbox'): () => void {
  const originalAdd = IDBObjectStore.prototype.add;
  IDBObjectStore.prototype.add = function add(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
    if (this.name === storeName) throw new DOMException('quota', 'QuotaExceededError');
    return originalAdd.apply(this, args);
  };
  return () => {
    IDBObjectStore.prototype.add = originalAdd;
  };
}
