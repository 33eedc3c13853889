import type { EmployeeMessage } from './employee-instructions';

export type EmployeeSendCheck = { ok: true } | { ok: false; message: string };

/** composeEmployeeMessage numbers each instruction: "1. Do not ...". */
const INSTRUCTION_LINE = /^\d+\. \S/m;

/**
 * Step 3: "short, specific, and action-oriented". A message goes out only with at least one
 * instruction and with every placeholder filled: "[Alternate channel]" tells no one where
 * to go. The lint's findings (vague words, length) are advice, shown next to the text.
 */
export function checkEmployeeMessage(message: EmployeeMessage): EmployeeSendCheck {
  if (!INSTRUCTION_LINE.test(message.text)) return { ok: false, message: 'Pick at least one instruction or type your own.' };
  if (message.missing.length > 0)
    return { ok: false, message: `Fill in ${message.missing.map((label) => label.toLowerCase()).join(' and ')}: employees need to know exactly what to do.` };
  return { ok: true };
}
