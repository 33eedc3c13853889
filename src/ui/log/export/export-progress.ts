import type { ExportProgress } from '../../../store/incident-export';

const count = new Intl.NumberFormat('en');

/** "Exported 12,000 of 50,000 entries" and its siblings for reading and zipping. */
export function progressText(progress: ExportProgress): string {
  const of = `${count.format(progress.done)} of ${count.format(progress.total)} ${progress.total === 1 ? 'entry' : 'entries'}`;
  if (progress.phase === 'reading') return `Read ${of}`;
  if (progress.phase === 'writing') return `Exported ${of}`;
  return `Exported ${of}; hashing and zipping…`;
}

/** One wording for sizes: the export line and the upload's log entry say the same. */
export { fileSizeText as sizeText } from '../../../store/evidence-uploads';
