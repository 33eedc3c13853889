import { createSignal, Show } from 'solid-js';
import { methodUsable, type ChannelStates } from '../../domain/channels';
import { CONTACT_CHANNEL_LABELS } from '../../domain/contact-methods';
import { contactLink, type ContactMethod } from '../../domain/contacts';

/** The current incident's channel markings (Step 7), when this list is shown during one. */
export interface ChannelMarks {
  incidentId: string;
  states: ChannelStates;
}

/**
 * One tap to call, text, mail or open; a value that is not a safe link is shown as text with a warning.
 * With `marks`, a method on a compromised channel is marked and its link hidden behind "Use anyway";
 * one on a suspect channel carries the warning.
 */
export function ContactMethodButton(props: { method: ContactMethod; contactName: string; marks?: ChannelMarks | undefined }) {
  const link = () => contactLink(props.method);
  const caption = () => props.method.label || CONTACT_CHANNEL_LABELS[props.method.channel];
  const usability = () => (props.marks ? methodUsable(props.method.channel, props.marks.states) : { usable: true, warning: null });
  const [useAnyway, setUseAnyway] = createSignal(false);
  return (
    <Show
      when={usability().usable || useAnyway()}
      fallback={
        <div class="method method-inert method-compromised">
          <span class="method-caption">
            <span class="tag tag-danger">Compromised for {props.marks?.incidentId}: do not use</span> {caption()}
          </span>
          <span class="method-value">{props.method.value}</span>
          <span class="method-warning">{usability().warning}</span>
          <button type="button" class="link-button method-override" onClick={() => setUseAnyway(true)} aria-label={`Use ${caption()} for ${props.contactName} anyway`}>
            Use anyway…
          </button>
        </div>
      }
    >
      <Show
        when={link().href}
        fallback={
          <p class="method method-inert">
            <span class="method-caption">{caption()}</span>
            <span class="method-value">{props.method.value}</span>
            <span class="method-warning">{(link() as { reason: string }).reason}</span>
          </p>
        }
      >
        {(href) => (
          <a
            class="method"
            classList={{ 'method-flagged': usability().warning !== null }}
            href={href()}
            rel="noopener noreferrer"
            target={href().startsWith('https:') ? '_blank' : undefined}
            aria-label={`${(link() as { action: string }).action} ${props.contactName}, ${caption()}: ${props.method.value}${usability().warning ? `. Warning: ${usability().warning}` : ''}`}
          >
            <span class="method-action">{(link() as { action: string }).action}</span>
            <span class="method-caption">
              <Show when={usability().warning}>
                <span class="tag" classList={{ 'tag-warn': usability().usable, 'tag-danger': !usability().usable }}>
                  {usability().usable ? 'Suspect' : `Compromised for ${props.marks?.incidentId}`}
                </span>{' '}
              </Show>
              {caption()}
              <Show when={props.method.available_24x7}> · 24/7</Show>
            </span>
            <span class="method-value">{props.method.value}</span>
            <Show when={usability().warning}>
              <span class="method-warning">{usability().warning}</span>
            </Show>
          </a>
        )}
      </Show>
    </Show>
  );
}
