import type { PostBody } from "../../api/types";
import { TextField } from "../../ui/fields";

export interface AddressForm {
  line1: string;
  line2: string;
  city: string;
  state: string;
  postalCode: string;
}
export const emptyAddress: AddressForm = { line1: "", line2: "", city: "", state: "", postalCode: "" };

type State = NonNullable<PostBody<"/v1/practices">["address"]>["state"];

/** The address as the API takes it, or undefined when left empty. */
export function addressBody(a: AddressForm) {
  if (!a.line1 && !a.city && !a.postalCode) return undefined;
  return {
    line1: a.line1,
    ...(a.line2 ? { line2: a.line2 } : {}),
    city: a.city,
    state: a.state.toUpperCase() as State,
    postalCode: a.postalCode.replace(/\D/g, ""),
  };
}

export function AddressFields({
  value,
  onChange,
  error,
}: {
  value: AddressForm;
  onChange: (a: AddressForm) => void;
  error: unknown;
}) {
  const set = (k: keyof AddressForm) => (e: { target: { value: string } }) =>
    onChange({ ...value, [k]: e.target.value });
  return (
    <div className="grid grid-address">
      <TextField label="Street" name="address.line1" value={value.line1} onChange={set("line1")} error={error} />
      <TextField label="Suite, floor" name="address.line2" value={value.line2} onChange={set("line2")} error={error} />
      <TextField label="City" name="address.city" value={value.city} onChange={set("city")} error={error} />
      <TextField
        label="State"
        name="address.state"
        value={value.state}
        maxLength={2}
        onChange={set("state")}
        error={error}
      />
      <TextField
        label="ZIP"
        name="address.postalCode"
        value={value.postalCode}
        onChange={set("postalCode")}
        error={error}
      />
    </div>
  );
}
