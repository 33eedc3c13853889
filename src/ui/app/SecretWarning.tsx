/**
 * Step 7: "Do not send passwords, tokens, evidence files, or sensitive logs through casual
 * chat." Shown instead of saving when the text looks like it holds a secret; the user
 * decides. "Edit" goes back to the text, nothing typed is lost.
 */
export function SecretWarning(props: { message: string; onEdit: () => void; onSaveAnyway: () => void }) {
  return (
    <div class="finding blocking secret-warning" role="alert">
      <p>{props.message}</p>
      <div class="form-actions">
        <button type="button" class="secondary" onClick={() => props.onEdit()}>
          Edit
        </button>
        <button type="button" class="danger" onClick={() => props.onSaveAnyway()}>
          Save anyway
        </button>
      </div>
    </div>
  );
}
