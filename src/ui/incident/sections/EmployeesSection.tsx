import { For } from 'solid-js';
import { EMPLOYEE_MESSAGE_GUIDANCE } from '../../../domain/employee-instructions';
import type { Incident } from '../../../domain/incident';
import { EmployeeInstructions } from '../employees/EmployeeInstructions';
import { SentMessages } from '../shared/SentMessages';

/** Step 3: if employees need to change behaviour, tell them clearly. */
export function EmployeesSection(props: { incident: Incident }) {
  return (
    <>
      <ul class="note guidance">
        <For each={[...EMPLOYEE_MESSAGE_GUIDANCE]}>{(rule) => <li>{rule}</li>}</For>
      </ul>
      <EmployeeInstructions incident={props.incident} />
      <h2>Instructions sent</h2>
      <SentMessages incidentId={props.incident.id} type="employee_instruction" deadlineLabel="Deadline" empty="No employee instructions sent for this incident yet." />
    </>
  );
}
