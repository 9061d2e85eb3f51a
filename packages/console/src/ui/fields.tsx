import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { ApiError } from "../api/client";

/** The message the API gave for a field (problem+json errors[].path), if any. */
export function fieldError(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.field(path) : undefined;
}

interface FieldShell {
  label: string;
  /** The field's path in the request body, so an API error naming it shows here. */
  name: string;
  error?: unknown;
  hint?: ReactNode;
}

function Shell({
  id,
  label,
  message,
  hint,
  children,
}: {
  id: string;
  label: string;
  message?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={`field${message ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <div className="field-error" id={`${id}-error`} aria-live="polite">
        {message ?? ""}
      </div>
    </div>
  );
}

export function TextField({ label, name, error, hint, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const message = fieldError(error, name);
  return (
    <Shell id={id} label={label} message={message} hint={hint}>
      <input
        id={id}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={`${id}-error${hint ? ` ${id}-hint` : ""}`}
        {...input}
      />
    </Shell>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  options,
  ...select
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const id = useId();
  const message = fieldError(error, name);
  return (
    <Shell id={id} label={label} message={message} hint={hint}>
      <select
        id={id}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={`${id}-error`}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

/** The form's own problem (not tied to one field): e.g. "locked until 14:32". */
export function FormError({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  if (!error) return null;
  if (error instanceof ApiError) {
    const shown =
      error.errors.length > 0 &&
      error.errors.every((e) => fields.some((f) => e.path === f || e.path.endsWith(`.${f}`)));
    const text = error.detail || error.title;
    return (
      <div className="banner banner-error" role="alert">
        {shown ? "Check the fields marked below." : text}
        {!shown && error.errors.length ? (
          <ul>
            {error.errors.map((e) => (
              <li key={e.path}>
                {e.path}: {e.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  return (
    <div className="banner banner-error" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </div>
  );
}
