import { unzipSync, zip, zipSync, type Zippable } from 'fflate';

/** A file of the export, as it goes into the zip. */
export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * The zip is written the same way every time, so "Verify export" can rebuild it from the
 * files it holds and compare byte for byte: a change to any byte of the archive (even one
 * that leaves every file intact, like a header field) is caught. Deterministic means: files
 * in manifest order then manifest.json, fixed compression per file, and one timestamp.
 * Zip times are local wall-clock times with 2-second steps, so the timestamp is noon of the
 * export's UTC date, built from local fields: the same bytes in every time zone, and never
 * inside a daylight-saving jump (those happen at night). The exact time is in the manifest.
 */
export function zipTime(exportedAt: string): Date {
  const at = new Date(exportedAt);
  return new Date(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), 12, 0, 0);
}

/** Already-compressed formats are stored; text is deflated. */
export function compressionLevel(name: string): 0 | 6 {
  return /\.(pdf|zip|png|jpe?g)$/i.test(name) ? 0 : 6;
}

/** A plain file name at the zip's root: no folders, no "..", nothing a spreadsheet or shell trips on. */
export function isPlainFileName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name) && !name.includes('..');
}

function zippable(files: readonly ExportFile[], exportedAt: string): Zippable {
  const mtime = zipTime(exportedAt);
  const data: Zippable = {};
  for (const file of files) data[file.name] = [file.bytes, { level: compressionLevel(file.name), mtime }];
  return data;
}

export function packFilesSync(files: readonly ExportFile[], exportedAt: string): Uint8Array {
  return zipSync(zippable(files, exportedAt));
}

/**
 * Zips off the main thread where fflate can start workers (browsers, Node); where it cannot
 * (a test environment without Worker), on this thread. Same bytes either way.
 */
export function packFiles(files: readonly ExportFile[], exportedAt: string): Promise<Uint8Array> {
  return new Promise((resolve) => {
    try {
      zip(zippable(files, exportedAt), (error, data) => resolve(error ? packFilesSync(files, exportedAt) : data));
    } catch {
      resolve(packFilesSync(files, exportedAt));
    }
  });
}

/** Refuses archives whose files would unpack to more than this: a zip bomb must not fill the phone's memory. */
export const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;

/** The files of a zip, in archive order. Throws with a readable message when it is not a zip Muster can read. */
export function unpackFiles(bytes: Uint8Array): ExportFile[] {
  let total = 0;
  const files = unzipSync(bytes, {
    filter(file) {
      total += file.originalSize;
      if (total > MAX_UNPACKED_BYTES) throw new Error('it would unpack to more than 1 GB');
      return true;
    },
  });
  return Object.entries(files).map(([name, content]) => ({ name, bytes: content }));
}
