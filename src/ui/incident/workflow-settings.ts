import { EXAMPLE_NOTICE_PERIODS } from '../../domain/obligations';
import { workflowSettings, type WorkflowSettings } from '../../domain/workspace';
import { useMuster } from '../app/muster-app';

/** This workspace's workflow settings with defaults (the phone's time zone, the example notice periods). */
export function useWorkflowSettings(): () => WorkflowSettings {
  const app = useMuster();
  const phoneZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return () => workflowSettings(app.settings(), phoneZone, EXAMPLE_NOTICE_PERIODS);
}
