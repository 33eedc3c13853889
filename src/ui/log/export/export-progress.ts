import type { ExportProgress } from '../../../store/incident-export';

const count = new Intl.NumberFormat('en');

/** "Exported 12,000 of 50,000 entries" and its siblings for reading and zipping. */
export function progressText(progress: ExportProgress): string {
  const of = `${count.format(progress.done)} of ${count.format(progress.total)} ${progress.total === 1 ? 'entry' : 'entries'}`;
  if (progress.phase === 'reading') return `Read ${of}`;
  if (progress.phase === 'writing') return `Exported ${of}`;
  return `Exported ${of}; hashing and zipping…`;
}

export function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
