import { ExportIncidentLog } from './ExportIncidentLog';
import { VerifyExport } from './VerifyExport';

/**
 * Exports and their check, under the log: a zip of log.csv, decisions.csv, log.json (and the
 * PDF) with a manifest of SHA-256 hashes, for the insurer, the lawyer and the auditors; and
 * "Verify export" for a zip received back. Libraries load only when one is used.
 */
export function LogExport(props: { incidentId: string }) {
  return (
    <section class="log-exports" aria-labelledby="log-exports-title">
      <h2 id="log-exports-title">Export and verify</h2>
      <p class="note">
        The entries recorded on this phone, with their hash chain, as CSV and JSON, with a manifest. Spreadsheet formulas in the text are escaped with a leading '.
      </p>
      <ExportIncidentLog incidentId={props.incidentId} />
      <VerifyExport />
    </section>
  );
}
