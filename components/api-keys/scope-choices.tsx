import { SCOPE_LABELS } from "./scope-labels";

const SCOPES = ["read", "write"] as const;

// Checkboxes in a fieldset: the legend names the group, and its error is read with it.
export function ScopeChoices({ defaultValue, error }: { defaultValue: readonly string[]; error?: string }) {
  const errorId = error ? "scopes-error" : undefined;
  return (
    <fieldset className="flex flex-col gap-1.5" aria-describedby={errorId}>
      <legend className="font-semibold text-ink">What the system may do</legend>
      {error ? (
        <p id={errorId} className="font-medium text-danger">
          {error}
        </p>
      ) : null}
      {SCOPES.map((scope) => (
        <label key={scope} className="flex min-h-12 items-center gap-3">
          <input type="checkbox" name="scopes" value={scope} defaultChecked={defaultValue.includes(scope)} aria-invalid={error ? true : undefined} className="size-6 shrink-0 accent-brand" />
          {SCOPE_LABELS[scope]}
        </label>
      ))}
    </fieldset>
  );
}
