import { useState } from "react";
import { api, ApiError, must } from "../../api/client";
import { Link } from "../../router";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { parseMoney, todayLocal } from "../../ui/format";
import { Panel } from "../../ui/page";
import { Notice } from "../../ui/states";
import { useAction, useApi } from "../../ui/use-api";

interface Line {
  procedureCode: string;
  modifiers: string;
  units: string;
  charge: string;
  pointers: string;
}
const blankLine = (): Line => ({ procedureCode: "", modifiers: "", units: "1", charge: "", pointers: "1" });

/** One encounter, typed in: an existing patient, the rendering provider, diagnoses and lines. */
export function EncounterForm({ practiceId }: { practiceId: string }) {
  const refs = useApi(async () => {
    const [patients, providers] = await Promise.all([
      must(api.GET("/v1/practices/{practiceId}/patients", { params: { path: { practiceId }, query: { limit: 100 } } })),
      must(api.GET("/v1/practices/{practiceId}/providers", { params: { path: { practiceId } } })),
    ]);
    return { patients: patients.items, providers: providers.items };
  }, [practiceId]);
  const [f, setF] = useState({
    patientId: "",
    renderingProviderId: "",
    placeOfService: "11",
    serviceDate: todayLocal(),
    diagnoses: "",
    priorAuthorization: "",
  });
  const [lines, setLines] = useState<Line[]>([blankLine()]);
  const [result, setResult] = useState<{ claimId?: string; status?: string; findings?: { message: string }[] }>();
  const save = useAction(async () => {
    const problems: { path: string; message: string }[] = [];
    const body = {
      patientId: f.patientId || refs.data?.patients[0]?.patientId,
      renderingProviderId: f.renderingProviderId || refs.data?.providers[0]?.providerId,
      placeOfService: f.placeOfService,
      serviceDate: f.serviceDate,
      diagnoses: f.diagnoses.split(/[\s,]+/).filter(Boolean),
      priorAuthorization: f.priorAuthorization || undefined,
      lines: lines.map((l, i) => {
        const chargeCents = l.charge.trim() ? parseMoney(l.charge) : undefined;
        if (l.charge.trim() && chargeCents === undefined)
          problems.push({ path: `lines.${i}.chargeCents`, message: "an amount like 125.00" });
        return {
          procedureCode: l.procedureCode,
          modifiers: l.modifiers.split(/[\s,]+/).filter(Boolean),
          units: Number(l.units),
          chargeCents,
          diagnosisPointers: l.pointers
            .split(/[\s,]+/)
            .filter(Boolean)
            .map(Number),
        };
      }),
    };
    if (problems.length) throw new ApiError(422, { title: "Check the fields marked", errors: problems });
    const r = await must(
      api.POST("/v1/practices/{practiceId}/encounters", {
        params: { path: { practiceId } },
        body: body as never,
      }),
    );
    setResult(r as typeof result);
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const setLine = (i: number, k: keyof Line) => (e: { target: { value: string } }) =>
    setLines(lines.map((l, j) => (j === i ? { ...l, [k]: e.target.value } : l)));
  const err = save.error;
  return (
    <Panel title="A new encounter">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <div className="editor-grid">
          <SelectField
            label="Patient"
            name="patientId"
            value={f.patientId}
            onChange={set("patientId")}
            error={err}
            options={(refs.data?.patients ?? []).map((p) => ({
              value: p.patientId,
              label: `${p.lastName}, ${p.firstName} (${p.dateOfBirth})`,
            }))}
          />
          <SelectField
            label="Rendering provider"
            name="renderingProviderId"
            value={f.renderingProviderId}
            onChange={set("renderingProviderId")}
            error={err}
            options={(refs.data?.providers ?? []).map((p) => ({
              value: p.providerId,
              label: p.organizationName ?? `${p.lastName ?? ""}, ${p.firstName ?? ""} (${p.npi})`,
            }))}
          />
          <TextField
            label="Date of service"
            name="serviceDate"
            type="date"
            value={f.serviceDate}
            onChange={set("serviceDate")}
            error={err}
          />
          <TextField
            label="Place of service"
            name="placeOfService"
            value={f.placeOfService}
            onChange={set("placeOfService")}
            error={err}
            maxLength={2}
          />
          <TextField
            label="Diagnoses (ICD-10, in order)"
            name="diagnoses"
            value={f.diagnoses}
            onChange={set("diagnoses")}
            error={err}
            placeholder="I10, E11.9"
          />
          <TextField
            label="Prior authorization"
            name="priorAuthorization"
            value={f.priorAuthorization}
            onChange={set("priorAuthorization")}
            error={err}
          />
        </div>
        <h3 className="section-title">Service lines</h3>
        <table className="table table-compact editor-lines">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Procedure</th>
              <th scope="col">Modifiers</th>
              <th scope="col">Units</th>
              <th scope="col">Charge (blank: fee schedule)</th>
              <th scope="col">Dx pointers</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                {(
                  [
                    ["procedureCode", "procedureCode", "procedure"],
                    ["modifiers", "modifiers", "modifiers"],
                    ["units", "units", "units"],
                    ["charge", "chargeCents", "charge"],
                    ["pointers", "diagnosisPointers", "pointers"],
                  ] as [keyof Line, string, string][]
                ).map(([k, name, what]) => (
                  <td key={k} className="cell-input">
                    <TextField
                      label={`Line ${i + 1} ${what}`}
                      name={`lines.${i}.${name}`}
                      value={l[k]}
                      onChange={setLine(i, k)}
                      error={err}
                      size={8}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <div className="form-actions">
          <button type="button" className="btn btn-small" onClick={() => setLines([...lines, blankLine()])}>
            Add a line
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.busy}>
            {save.busy ? "Sending…" : "Send the encounter"}
          </button>
        </div>
        <FormError
          error={err}
          fields={[
            "patientId",
            "renderingProviderId",
            "serviceDate",
            "placeOfService",
            "diagnoses",
            "priorAuthorization",
            "lines",
          ]}
        />
        {result?.claimId ? (
          <Notice tone={result.status === "ready" ? "success" : "warning"}>
            Claim <Link to={`/claims/${result.claimId}`}>{result.claimId}</Link> created:{" "}
            {result.status === "ready"
              ? "ready to send."
              : `the billing company will review it (${result.findings?.[0]?.message ?? ""}).`}
          </Notice>
        ) : null}
      </form>
    </Panel>
  );
}
