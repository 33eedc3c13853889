import { createResource, createSignal, For, Show } from 'solid-js';
import { TEMPLATE_KIND_LABELS, type MessageTemplate } from '../../domain/templates';
import { listTemplates } from '../../store/workspace-repository';
import { useMuster } from '../app/muster-app';
import { TemplateComposer } from './TemplateComposer';

/** The playbook's message templates, ready offline: pick one, fill it, copy or share it. */
export function TemplatesScreen() {
  const app = useMuster();
  const [templates] = createResource(() => app.settings().workspace_id, (workspaceId) => listTemplates(app.db, workspaceId));
  const [selected, setSelected] = createSignal<MessageTemplate | null>(null);
  return (
    <section class="screen" aria-labelledby="templates-title">
      <h1 id="templates-title">Message templates</h1>
      <Show
        when={selected()}
        fallback={
          <ul class="template-list">
            <For each={templates()}>
              {(template) => (
                <li>
                  <button type="button" class="template-item" onClick={() => setSelected(template)}>
                    <span class="template-name">{template.name}</span>
                    <span class="template-kind">{`${TEMPLATE_KIND_LABELS[template.kind]} · to ${template.audience}`}</span>
                  </button>
                </li>
              )}
            </For>
          </ul>
        }
      >
        {(template) => <TemplateComposer template={template()} onClose={() => setSelected(null)} />}
      </Show>
    </section>
  );
}
