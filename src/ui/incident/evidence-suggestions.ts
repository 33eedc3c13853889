/**
 * Step 7's controlled locations, as the log and decision forms offer them: the incident's own
 * Nextcloud folder (where its exports are uploaded) first, then the workspace's list. The
 * Nextcloud connectors are read only while `active` (a form showing the field) and signed in;
 * offline, the last list read.
 */
import type { Accessor } from 'solid-js';
import { evidenceSuggestions, nextcloudFolderLink } from '../../domain/evidence-locations';
import { useEvidenceStorages } from '../settings/integrations/evidence-storages';
import { useWorkflowSettings } from './workflow-settings';
import { settled } from '../app/settled';

export function useEvidenceSuggestions(active: Accessor<boolean>, incidentId: Accessor<string>): Accessor<string[]> {
  const workflow = useWorkflowSettings();
  const [storages] = useEvidenceStorages(active);
  return () => {
    const listed = settled(storages) ?? [];
    const folders = listed.flatMap((storage) => {
      const link = nextcloudFolderLink(storage, incidentId());
      return link.ok ? [link.url] : [];
    });
    return evidenceSuggestions(folders, workflow().evidenceLocations);
  };
}
