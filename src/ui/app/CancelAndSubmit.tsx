/** A form's last row: Cancel (the caller decides what it keeps) and the button that submits it. */
export function CancelAndSubmit(props: { submitLabel: string; onCancel: () => void }) {
  return (
    <div class="form-actions">
      <button type="button" class="secondary" onClick={() => props.onCancel()}>
        Cancel
      </button>
      <button type="submit" class="primary">
        {props.submitLabel}
      </button>
    </div>
  );
}
