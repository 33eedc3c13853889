import { For } from 'solid-js';
import {
  formatMinutes,
  LEADERSHIP_UPDATE_FIELDS,
  type LeadershipUpdateField,
  type LeadershipUpdateMessages,
  type LeadershipUpdateValues,
} from '../../../domain/leadership-update';
import { StillActiveChoice } from './StillActiveChoice';
import { UpdatePointText } from './UpdatePointText';
import { UpdatePointTime } from './UpdatePointTime';

const QUICK_NEXT_UPDATE_MINUTES = [30, 60, 120] as const;

/** Step 2's eight points, in the playbook's order and words. */
export function LeadershipUpdateForm(props: {
  values: LeadershipUpdateValues;
  /** The next update time is the cadence's default, not one the user chose. */
  nextUpdateIsDefault: boolean;
  cadenceMinutes: number;
  /** Said under the time fields when the workspace's zone is not the phone's. */
  timeZoneHint: string | undefined;
  errors: LeadershipUpdateMessages;
  warnings: LeadershipUpdateMessages;
  onChange: (field: LeadershipUpdateField, value: string) => void;
}) {
  return (
    <For each={[...LEADERSHIP_UPDATE_FIELDS]}>
      {(field) => {
        const id = `lu-${field.key}`;
        const label = field.required ? field.label : `${field.label} (optional)`;
        const change = (value: string) => props.onChange(field.key, value);
        if (field.key === 'still_active')
          return <StillActiveChoice id={id} label={label} value={props.values[field.key]} error={props.errors[field.key]} onChange={change} />;
        if (field.key === 'detected_at')
          return <UpdatePointTime id={id} label={label} value={props.values[field.key]} error={props.errors[field.key]} hint={props.timeZoneHint} onInput={change} />;
        if (field.key === 'next_update_at')
          return (
            <UpdatePointTime
              id={id}
              label={label}
              value={props.values[field.key]}
              error={props.errors[field.key]}
              warning={props.warnings[field.key]}
              hint={props.nextUpdateIsDefault ? `Now plus ${formatMinutes(props.cadenceMinutes)}, the workspace's cadence. Sending sets the countdown in the header.` : props.timeZoneHint}
              quickMinutes={QUICK_NEXT_UPDATE_MINUTES}
              onInput={change}
            />
          );
        return <UpdatePointText id={id} label={label} value={props.values[field.key]} error={props.errors[field.key]} onInput={change} />;
      }}
    </For>
  );
}
