import { useEffect, useState } from "react";
import { api, ApiError, must } from "../../api/client";
import type { Get } from "../../api/types";
import type { ScreenProps } from "../../routes";
import { useUser } from "../../session";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { bp, date, money, parseMoney, parsePercentBps, todayLocal } from "../../ui/format";
import { Page, Panel } from "../../ui/page";
import { Empty, Loaded, Notice } from "../../ui/states";
import { useAction, useApi } from "../../ui/use-api";
import { useDirectory } from "../claim/parts";

type Placement = Get<"/v1/collections/placements">["items"][number];

/**
 * Collections: the accounts past their final notice (by the practice's setting) that still owe,
 * exported in the file agencies take; mark them placed with an agency (their statements stop);
 * post what the agency recovers (the gross pays the balance, its fee is the practice's cost).
 */
export default function Collections({ query }: ScreenProps) {
  const user = useUser();
  const dir = useDirectory();
  const canManage = user.role === "owner" || user.role === "biller";
  const [practiceId, setPracticeId] = useState(query.get("practiceId") ?? "");
  useEffect(() => {
    if (!practiceId && dir.practices.size) setPracticeId([...dir.practices.keys()][0]!);
  }, [dir.practices.size]);
  const [asOf, setAsOf] = useState(todayLocal());
  const candidates = useApi(
    () =>
      practiceId
        ? must(api.GET("/v1/collections/candidates", { params: { query: { practiceId, asOf } } }))
        : Promise.resolve(undefined),
    [practiceId, asOf],
  );
  const placements = useApi(
    () =>
      practiceId
        ? must(api.GET("/v1/collections/placements", { params: { query: { practiceId } } }))
        : Promise.resolve(undefined),
    [practiceId],
  );
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const reload = () => {
    candidates.reload();
    placements.reload();
    setChosen(new Set());
  };
  return (
    <Page title="Collections">
      <div className="row queue-filters">
        <SelectField
          label="Practice"
          name="practiceId"
          value={practiceId}
          onChange={(e) => setPracticeId(e.target.value)}
          options={[...dir.practices].map(([value, l]) => ({ value, label: l }))}
        />
        <TextField label="As of" name="asOf" type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
      </div>
      <Panel
        title="Due for an agency"
        actions={
          practiceId ? (
            <a
              className="btn btn-small"
              href={`/v1/collections/candidates.csv?practiceId=${encodeURIComponent(practiceId)}&asOf=${asOf}`}
              download
            >
              Export CSV
            </a>
          ) : null
        }
      >
        <Loaded state={candidates} what="Loading the accounts">
          {(data) =>
            data && data.items.length ? (
              <>
                <p className="muted small">
                  Past the final notice by {data.collectionsAfterDays} days or more on {date(data.asOf)}, still owing,
                  not on a payment plan in good standing.
                </p>
                <table className="table table-compact">
                  <caption className="visually-hidden">Accounts due for an agency</caption>
                  <thead>
                    <tr>
                      <th scope="col">Place</th>
                      <th scope="col">Patient</th>
                      <th scope="col">Account</th>
                      <th scope="col" className="num">
                        Balance
                      </th>
                      <th scope="col">Visits</th>
                      <th scope="col">Last payment</th>
                      <th scope="col">Final notice</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((c) => (
                      <tr key={c.patientId}>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`Place ${c.lastName}, ${c.firstName}`}
                            checked={chosen.has(c.patientId)}
                            disabled={!canManage}
                            onChange={(e) => {
                              const next = new Set(chosen);
                              if (e.target.checked) next.add(c.patientId);
                              else next.delete(c.patientId);
                              setChosen(next);
                            }}
                          />
                        </td>
                        <td>
                          {c.lastName}, {c.firstName}
                        </td>
                        <td className="mono">{c.accountNumber}</td>
                        <td className="num">{money(c.balanceCents)}</td>
                        <td>
                          {date(c.firstServiceDate)}
                          {c.lastServiceDate !== c.firstServiceDate ? ` – ${date(c.lastServiceDate)}` : ""}
                        </td>
                        <td>{c.lastPaymentDate ? date(c.lastPaymentDate) : "—"}</td>
                        <td>{date(c.finalNoticeDate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {canManage ? <PlaceForm practiceId={practiceId} patientIds={[...chosen]} onPlaced={reload} /> : null}
              </>
            ) : (
              <Empty title="No account is due for an agency">
                Accounts appear here once their final notice is older than the practice&rsquo;s setting.
              </Empty>
            )
          }
        </Loaded>
      </Panel>
      <Panel title="Placed with agencies">
        <Loaded state={placements} what="Loading the placements">
          {(data) =>
            data && data.items.length ? (
              <div className="stack">
                {data.items.map((pl) => (
                  <PlacementRow key={pl.placementId} placement={pl} canManage={canManage} onPosted={reload} />
                ))}
              </div>
            ) : (
              <Empty title="Nothing placed yet" />
            )
          }
        </Loaded>
      </Panel>
    </Page>
  );
}

function PlaceForm({
  practiceId,
  patientIds,
  onPlaced,
}: {
  practiceId: string;
  patientIds: string[];
  onPlaced: () => void;
}) {
  const [f, setF] = useState({ agencyName: "", fee: "35", placedOn: todayLocal() });
  const [done, setDone] = useState<string | undefined>();
  const place = useAction(async () => {
    const feeBps = parsePercentBps(f.fee);
    if (feeBps === undefined)
      throw new ApiError(422, { title: "Check the fee", errors: [{ path: "feeBps", message: "a percent like 35" }] });
    const r = await must(
      api.POST("/v1/collections/placements", {
        body: { practiceId, patientIds, agencyName: f.agencyName, placedOn: f.placedOn, feeBps },
      }),
    );
    setDone(
      `Placed ${r.items.length} account${r.items.length === 1 ? "" : "s"} with ${f.agencyName}: their statements stop.`,
    );
    onPlaced();
  });
  return (
    <form
      className="subform"
      onSubmit={(e) => {
        e.preventDefault();
        void place.run();
      }}
    >
      <div className="form-inline">
        <TextField
          label="Agency"
          name="agencyName"
          value={f.agencyName}
          onChange={(e) => setF({ ...f, agencyName: e.target.value })}
          error={place.error}
          required
        />
        <TextField
          label="Agency fee (%)"
          name="feeBps"
          value={f.fee}
          onChange={(e) => setF({ ...f, fee: e.target.value })}
          error={place.error}
          size={5}
        />
        <TextField
          label="Placed on"
          name="placedOn"
          type="date"
          value={f.placedOn}
          onChange={(e) => setF({ ...f, placedOn: e.target.value })}
          error={place.error}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={place.busy || patientIds.length === 0}>
            Mark {patientIds.length || ""} placed
          </button>
        </div>
      </div>
      <FormError error={place.error} fields={["agencyName", "feeBps", "placedOn"]} />
      {done ? <Notice tone="success">{done}</Notice> : null}
    </form>
  );
}

function PlacementRow({
  placement: pl,
  canManage,
  onPosted,
}: {
  placement: Placement;
  canManage: boolean;
  onPosted: () => void;
}) {
  const [f, setF] = useState({ gross: "", recoveredOn: todayLocal(), reference: "" });
  const [done, setDone] = useState<string | undefined>();
  const post = useAction(async () => {
    const grossCents = parseMoney(f.gross);
    if (!grossCents)
      throw new ApiError(422, {
        title: "Check the amount",
        errors: [{ path: "grossCents", message: "an amount like 60.00" }],
      });
    const r = await must(
      api.POST("/v1/collections/placements/{placementId}/recoveries", {
        params: { path: { placementId: pl.placementId } },
        body: { grossCents, recoveredOn: f.recoveredOn, reference: f.reference || undefined },
      }),
    );
    setDone(
      `Posted ${money(r.grossCents)} recovered: the agency keeps ${money(r.feeCents)}, the practice gets ${money(r.netCents)}.`,
    );
    setF({ ...f, gross: "", reference: "" });
    onPosted();
  });
  return (
    <div className="subform">
      <h3 className="section-title">
        {pl.patientName} · {pl.agencyName}, placed {date(pl.placedOn)}
      </h3>
      <p>
        Placed {money(pl.placedCents)} · recovered {money(pl.recoveredCents)} · agency fees {money(pl.feesCents)} (
        {bp(pl.feeBps)})
      </p>
      {canManage ? (
        <form
          className="form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            void post.run();
          }}
        >
          <TextField
            label="Recovered (gross)"
            name="grossCents"
            value={f.gross}
            onChange={(e) => setF({ ...f, gross: e.target.value })}
            error={post.error}
            inputMode="decimal"
            size={10}
          />
          <TextField
            label="Recovered on"
            name="recoveredOn"
            type="date"
            value={f.recoveredOn}
            onChange={(e) => setF({ ...f, recoveredOn: e.target.value })}
            error={post.error}
          />
          <TextField
            label="Agency reference"
            name="reference"
            value={f.reference}
            onChange={(e) => setF({ ...f, reference: e.target.value })}
            error={post.error}
            size={12}
          />
          <div className="form-actions">
            <button type="submit" className="btn" disabled={post.busy}>
              Record recovery
            </button>
          </div>
        </form>
      ) : null}
      <FormError error={post.error} fields={["grossCents", "recoveredOn", "reference"]} />
      {done ? <Notice tone="success">{done}</Notice> : null}
    </div>
  );
}
