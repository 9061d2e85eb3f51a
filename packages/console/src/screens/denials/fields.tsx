import { useId } from "react";
import { fieldError } from "../../ui/fields";

/** Today in the browser's calendar, YYYY-MM-DD (a default for dates a person then checks). */
export const localToday = () => new Date().toLocaleDateString("en-CA");

/**
 * A text area whose lines are paragraphs: the API takes text without line breaks, so each line
 * goes as one string of an array (`name` is the array's path, for the API's message).
 */
export function Paragraphs({
  label,
  name,
  value,
  onChange,
  error,
  placeholder,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  error?: unknown;
  placeholder?: string;
}) {
  const id = useId();
  const message = fieldError(error, name) ?? fieldError(error, `${name}.0`);
  return (
    <div className={`field field-wide${message ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={5}
        value={value}
        placeholder={placeholder}
        aria-invalid={message ? true : undefined}
        aria-describedby={`${id}-error`}
        onChange={(e) => onChange(e.target.value)}
      />
      <div className="field-error" id={`${id}-error`} aria-live="polite">
        {message ?? ""}
      </div>
    </div>
  );
}
