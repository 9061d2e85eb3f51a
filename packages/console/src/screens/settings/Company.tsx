import { useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { FormError, TextField } from "../../ui/fields";
import { centsInput, parseMoney } from "../../ui/format";
import { Panel } from "../../ui/page";
import { Loaded, Notice } from "../../ui/states";
import { useAction, useApi } from "../../ui/use-api";
import type { SectionProps } from "./Settings";
import { AddressFields, addressBody, type AddressForm } from "./address";

type Tenant = Get<"/v1/tenant">;

/** The billing company as its invoices show it: name, address, contact and payment instructions. */
export function Company({ canEdit }: SectionProps) {
  const t = useApi(() => must(api.GET("/v1/tenant")), []);
  return (
    <Panel title="Company details">
      <Loaded state={t}>{(d) => <Form t={d} canEdit={canEdit} onSaved={t.reload} />}</Loaded>
    </Panel>
  );
}

function Form({ t, canEdit, onSaved }: { t: Tenant; canEdit: boolean; onSaved: () => void }) {
  const [name, setName] = useState(t.name);
  const [email, setEmail] = useState(t.email ?? "");
  const [phone, setPhone] = useState(t.phone ?? "");
  const [pay, setPay] = useState(t.paymentInstructions ?? "");
  const [approval, setApproval] = useState(centsInput(t.writeOffApprovalCents));
  const [addr, setAddr] = useState<AddressForm>({
    line1: t.address?.line1 ?? "",
    line2: t.address?.line2 ?? "",
    city: t.address?.city ?? "",
    state: t.address?.state ?? "",
    postalCode: t.address?.postalCode ?? "",
  });
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    setSaved(false);
    const address = addressBody(addr);
    const writeOffApprovalCents = approval.trim() ? parseMoney(approval) : undefined;
    if (approval.trim() && writeOffApprovalCents === undefined)
      throw new Error("The write-off approval amount must look like 500.00.");
    await must(
      api.PATCH("/v1/tenant", {
        body: {
          name,
          ...(email ? { email } : {}),
          ...(phone ? { phone } : {}),
          ...(pay ? { paymentInstructions: pay } : {}),
          ...(address ? { address } : {}),
          ...(writeOffApprovalCents !== undefined ? { writeOffApprovalCents } : {}),
        },
        headers: { "if-match": `"${t.version}"` },
      }),
    );
    setSaved(true);
    onSaved();
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <fieldset disabled={!canEdit} className="plain">
        <div className="grid grid-2">
          <TextField
            label="Company name"
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={save.error}
            required
          />
          <TextField
            label="Billing email"
            name="email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={save.error}
          />
          <TextField
            label="Phone"
            name="phone"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            error={save.error}
          />
          <TextField
            label="Payment instructions (on invoices)"
            name="paymentInstructions"
            value={pay}
            onChange={(e) => setPay(e.target.value)}
            error={save.error}
          />
          <TextField
            label="Write-offs above this need an owner's approval"
            name="writeOffApprovalCents"
            value={approval}
            onChange={(e) => setApproval(e.target.value)}
            error={save.error}
            inputMode="decimal"
            placeholder="blank: none do"
          />
        </div>
        <AddressFields value={addr} onChange={setAddr} error={save.error} />
      </fieldset>
      <FormError
        error={save.error}
        fields={[
          "name",
          "email",
          "phone",
          "paymentInstructions",
          "writeOffApprovalCents",
          "address.line1",
          "address.line2",
          "address.city",
          "address.state",
          "address.postalCode",
        ]}
      />
      {saved ? <Notice tone="success">Saved.</Notice> : null}
      {canEdit ? (
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.busy}>
            Save
          </button>
        </div>
      ) : null}
    </form>
  );
}
