import type { ReadinessCheckId } from '../../domain/readiness';

export interface FixLink {
  href: string;
  label: string;
}

/**
 * Where to fix each missing output. Approvers, the bridge and decisions live in an
 * incident's steps: with no incident open, the way there is opening one in Settings.
 */
export function readinessFixes(id: ReadinessCheckId, incidentOpen: boolean): FixLink[] {
  const inIncident = (href: string, label: string): FixLink =>
    incidentOpen ? { href, label } : { href: '#settings', label: `Open an incident in Settings, then: ${label.charAt(0).toLowerCase()}${label.slice(1)}` };
  switch (id) {
    case 'communication_owner':
      return [inIncident('#incident/owner', 'Name the communication owner (Step 1)')];
    case 'leadership_notification':
      return [
        { href: '#contacts', label: 'Leadership contacts' },
        { href: '#templates', label: 'Leadership update template' },
      ];
    case 'employee_instructions':
      return [{ href: '#templates', label: 'Employee instructions template' }];
    case 'technical_support_paths':
    case 'insurance_legal_compliance_paths':
      return [{ href: '#contacts', label: 'Contacts' }];
    case 'external_communication_rules':
      return [inIncident('#incident/statements', 'Set statement approvers (Step 6)')];
    case 'backup_communication':
      return [inIncident('#incident/channels', 'Set the bridge link (Step 7)'), { href: '#contacts', label: 'Or add a conference bridge to a contact' }];
    case 'communication_log':
      return [{ href: '#log', label: 'Open the communication log' }];
    case 'decision_recording':
      return [inIncident('#incident/decisions', 'Record a decision (Step 8)')];
  }
}
