import { For, Index } from 'solid-js';
import type { ColumnMapping, ImportField } from '../../../domain/contact-import/csv-mapping';
import { FormField } from '../../app/FormField';
import type { ImportParsers } from './import-parsers';

const sample = (value: string | undefined) => {
  const line = (value ?? '').replace(/\s+/g, ' ').trim();
  return line === '' ? 'First row: empty' : `First row: ${line.length > 40 ? `${line.slice(0, 40)}…` : line}`;
};

/** One select per CSV column: what Muster should read from it. Every change redraws the preview. */
export function ColumnMappingFields(props: {
  parsers: ImportParsers;
  header: readonly string[];
  firstRow: readonly string[] | undefined;
  mapping: readonly ColumnMapping[];
  onChange: (index: number, field: ImportField) => void;
}) {
  return (
    <fieldset class="import-mapping">
      <legend>What each column holds</legend>
      <Index each={props.header}>
        {(header, index) => (
          <FormField id={`import-column-${index}`} label={`Column ${index + 1}: ${header() || '(no name)'}`} hint={sample(props.firstRow?.[index])}>
            <select
              id={`import-column-${index}`}
              aria-describedby={`import-column-${index}-hint`}
              value={props.mapping[index]?.field ?? 'ignore'}
              onChange={(event) => props.onChange(index, event.currentTarget.value as ImportField)}
            >
              <For each={props.parsers.IMPORT_FIELDS}>{(field) => <option value={field}>{props.parsers.IMPORT_FIELD_LABELS[field]}</option>}</For>
            </select>
          </FormField>
        )}
      </Index>
    </fieldset>
  );
}
