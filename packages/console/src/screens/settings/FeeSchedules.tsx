import { useEffect, useState } from "react";
import { api, must } from "../../api/client";
import { SelectField } from "../../ui/fields";
import { centsInput, dateTime, parseMoney } from "../../ui/format";
import { Panel } from "../../ui/page";
import { Empty, ErrorBanner, Loaded, Notice } from "../../ui/states";
import { useAction, useApi } from "../../ui/use-api";
import type { SectionProps } from "./Settings";
import { usePracticeOptions } from "./practice-options";

interface Row {
  procedureCode: string;
  modifier: string;
  charge: string;
}

/** A practice's charges by procedure code (and modifier): lines sent without a charge take it from here. */
export function FeeSchedules({ canEdit }: SectionProps) {
  const practices = usePracticeOptions();
  const [practiceId, setPracticeId] = useState("");
  const pid = practiceId || practices[1]?.value || "";
  const fee = useApi(
    () =>
      pid
        ? must(api.GET("/v1/practices/{practiceId}/fee-schedule", { params: { path: { practiceId: pid } } }))
        : Promise.resolve(undefined),
    [pid],
  );
  const [rows, setRows] = useState<Row[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (fee.data)
      setRows(
        fee.data.entries.map((e) => ({
          procedureCode: e.procedureCode,
          modifier: e.modifier ?? "",
          charge: centsInput(e.chargeCents),
        })),
      );
  }, [fee.data]);
  const save = useAction(async () => {
    setSaved(false);
    const entries = rows
      .filter((r) => r.procedureCode.trim())
      .map((r, i) => {
        const chargeCents = parseMoney(r.charge);
        if (chargeCents === undefined || chargeCents < 1)
          throw new Error(`Row ${i + 1}: the charge must be an amount like 185.00`);
        return {
          procedureCode: r.procedureCode.trim().toUpperCase(),
          ...(r.modifier.trim() ? { modifier: r.modifier.trim().toUpperCase() } : {}),
          chargeCents,
        };
      });
    await must(
      api.PUT("/v1/practices/{practiceId}/fee-schedule", { params: { path: { practiceId: pid } }, body: { entries } }),
    );
    setSaved(true);
    fee.reload();
  });
  const set = (i: number, k: keyof Row, v: string) => setRows(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  return (
    <Panel
      title="Fee schedule"
      actions={
        <SelectField
          label="Practice"
          name="practiceId"
          value={pid}
          onChange={(e) => setPracticeId(e.target.value)}
          options={practices.slice(1)}
        />
      }
    >
      {!pid ? (
        <Empty title="No practices yet">Add a practice first.</Empty>
      ) : (
        <Loaded state={{ ...fee, data: fee.loading ? undefined : (fee.data ?? null) }}>
          {(d) => (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void save.run();
              }}
            >
              <p className="muted small">Last changed {dateTime(d?.updatedAt)}</p>
              <table className="table">
                <caption className="visually-hidden">Fee schedule</caption>
                <thead>
                  <tr>
                    <th scope="col">Procedure code</th>
                    <th scope="col">Modifier</th>
                    <th scope="col" className="num">
                      Charge ($)
                    </th>
                    <th scope="col" />
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={i}>
                      <td>
                        <input
                          aria-label={`Row ${i + 1} procedure code`}
                          value={r.procedureCode}
                          disabled={!canEdit}
                          onChange={(e) => set(i, "procedureCode", e.target.value)}
                        />
                      </td>
                      <td>
                        <input
                          aria-label={`Row ${i + 1} modifier`}
                          value={r.modifier}
                          size={4}
                          disabled={!canEdit}
                          onChange={(e) => set(i, "modifier", e.target.value)}
                        />
                      </td>
                      <td className="num">
                        <input
                          aria-label={`Row ${i + 1} charge`}
                          className="num"
                          value={r.charge}
                          inputMode="decimal"
                          disabled={!canEdit}
                          onChange={(e) => set(i, "charge", e.target.value)}
                        />
                      </td>
                      <td>
                        {canEdit ? (
                          <button
                            type="button"
                            className="btn btn-small"
                            onClick={() => setRows(rows.filter((_, j) => j !== i))}
                            aria-label={`Remove row ${i + 1}`}
                          >
                            Remove
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                  {!rows.length ? (
                    <tr>
                      <td colSpan={4} className="muted">
                        No fees yet.
                      </td>
                    </tr>
                  ) : null}
                </tbody>
              </table>
              <ErrorBanner error={save.error} />
              {saved ? <Notice tone="success">Fee schedule saved.</Notice> : null}
              {canEdit ? (
                <div className="form-actions">
                  <button
                    type="button"
                    className="btn"
                    onClick={() => setRows([...rows, { procedureCode: "", modifier: "", charge: "" }])}
                  >
                    Add a row
                  </button>
                  <button type="submit" className="btn btn-primary" disabled={save.busy}>
                    Save fee schedule
                  </button>
                </div>
              ) : null}
            </form>
          )}
        </Loaded>
      )}
    </Panel>
  );
}
