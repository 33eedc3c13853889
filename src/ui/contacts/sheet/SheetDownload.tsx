import { createSignal, For } from 'solid-js';
import type { ContactSheet } from '../../../domain/contact-sheet';
import { PAPER_LABELS, PAPER_SIZES, type PaperSize } from '../../../export/pdf/paper';
import { ErrorAlert } from '../../app/ErrorAlert';
import { StatusNote } from '../../app/StatusNote';
import { downloadFile, fileNamePart } from './download-file';

/** Print, or a PDF made on this phone (offline): A4, Letter or wallet-card pages. */
export function SheetDownload(props: { sheet: ContactSheet; timeZone: string }) {
  const [paper, setPaper] = createSignal<PaperSize>('a4');
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  const download = async () => {
    setError('');
    setBusy(true);
    setStatus('Making the PDF…');
    try {
      // pdf-lib loads only now, from the service worker's precache when offline.
      const { renderContactSheetPdf } = await import('../../../export/pdf/contact-sheet-pdf');
      const bytes = await renderContactSheetPdf(props.sheet, paper(), props.timeZone);
      downloadFile(bytes, `${fileNamePart(props.sheet.workspaceName)}-contact-sheet-${paper()}.pdf`, 'application/pdf');
      setStatus(`PDF ready (${PAPER_LABELS[paper()]}, ${Math.ceil(bytes.length / 1024)} KB): see your downloads.`);
    } catch (failure) {
      setStatus('');
      setError(`The PDF could not be made: ${(failure as Error).message}. Print the sheet instead.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="sheet-actions no-print">
      <button type="button" class="primary wide" onClick={() => window.print()}>
        Print
      </button>
      <fieldset class="segmented sheet-paper">
        <legend>PDF paper size</legend>
        <For each={[...PAPER_SIZES]}>
          {(size) => (
            <label>
              <input type="radio" name="sheet-paper" value={size} checked={paper() === size} onChange={() => setPaper(size)} />
              <span>{PAPER_LABELS[size]}</span>
            </label>
          )}
        </For>
      </fieldset>
      <button type="button" class="secondary wide" disabled={busy()} onClick={() => void download()}>
        Download PDF
      </button>
      <StatusNote text={status()} />
      <ErrorAlert message={error()} />
    </div>
  );
}
