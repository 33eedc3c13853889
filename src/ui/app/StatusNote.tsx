/**
 * The line that says what the last action did ("Copied.", "Saved, logged as #12."), read
 * out politely by screen readers. Always in the page, so a new text is announced.
 */
export function StatusNote(props: { text: string }) {
  return (
    <p class="note" role="status" aria-live="polite">
      {props.text}
    </p>
  );
}
