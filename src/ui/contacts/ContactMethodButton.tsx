import { Show } from 'solid-js';
import { CONTACT_CHANNEL_LABELS } from '../../domain/contact-methods';
import { contactLink, type ContactMethod } from '../../domain/contacts';

/** One tap to call, text, mail or open; a value that is not a safe link is shown as text with a warning. */
export function ContactMethodButton(props: { method: ContactMethod; contactName: string }) {
  const link = () => contactLink(props.method);
  const caption = () => props.method.label || CONTACT_CHANNEL_LABELS[props.method.channel];
  return (
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
          href={href()}
          rel="noopener noreferrer"
          target={href().startsWith('https:') ? '_blank' : undefined}
          aria-label={`${(link() as { action: string }).action} ${props.contactName}, ${caption()}: ${props.method.value}`}
        >
          <span class="method-action">{(link() as { action: string }).action}</span>
          <span class="method-caption">
            {caption()}
            <Show when={props.method.available_24x7}> · 24/7</Show>
          </span>
          <span class="method-value">{props.method.value}</span>
        </a>
      )}
    </Show>
  );
}
