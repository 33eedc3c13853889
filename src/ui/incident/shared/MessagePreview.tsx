import type { JSX } from 'solid-js';

/** The message exactly as it will be sent: plain text, never interpreted. Shared by Steps 2 and 3. */
export function MessagePreview(props: { testId: string; subject: string; text: string; children?: JSX.Element }) {
  return (
    <div class="message-preview">
      <p class="preview-subject" data-testid={`${props.testId}-subject`}>
        {props.subject}
      </p>
      <pre class="preview" data-testid={`${props.testId}-text`}>
        {props.text}
      </pre>
      {props.children}
    </div>
  );
}
