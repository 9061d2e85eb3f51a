import { useState } from "react";
import { api, must } from "../../api/client";
import type { Get, PostBody } from "../../api/types";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { dateTime } from "../../ui/format";
import { Badge, Panel } from "../../ui/page";
import { Empty, ErrorBanner, Loaded, Notice } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import { usePracticeOptions } from "./practice-options";

type Endpoint = Get<"/v1/webhook-endpoints">["items"][number];
type Delivery = Get<"/v1/webhook-endpoints/{endpointId}/deliveries">["items"][number];
type EventType = PostBody<"/v1/webhook-endpoints">["types"][number];

/** Every event type, in the API's order; the type below fails to compile if the API adds one we do not list. */
const EVENT_TYPES = [
  "claim.accepted",
  "claim.rejected",
  "claim.paid",
  "claim.partially_paid",
  "claim.denied",
  "claim.status_received",
  "batch.submitted",
  "ack.999.received",
  "ack.277ca.received",
  "remittance.posted",
  "payment.posted",
  "statement.issued",
  "eligibility.answered",
  "invoice.finalized",
  "invoice.sent",
  "invoice.paid",
  "invoice.voided",
  "task.created",
  "task.assigned",
  "task.completed",
  "appeal.created",
  "appeal.sent",
  "appeal.decided",
  "appeal.paid",
  "appeal.withdrawn",
  "write_off.requested",
  "write_off.approved",
  "write_off.rejected",
  "underpayment.found",
] as const satisfies readonly EventType[];
type Unlisted = Exclude<EventType, (typeof EVENT_TYPES)[number]>;
const allListed: Unlisted extends never ? true : Unlisted = true;
void allListed;

/** Webhook endpoints: where events are sent, signed with a secret shown once; their deliveries, and replay. */
export function Webhooks() {
  const endpoints = useApi(() => must(api.GET("/v1/webhook-endpoints", { params: { query: { limit: 100 } } })), []);
  const practices = usePracticeOptions("Every practice");
  const [url, setUrl] = useState("");
  const [practiceId, setPracticeId] = useState("");
  const [types, setTypes] = useState<EventType[]>([...EVENT_TYPES]);
  const [secret, setSecret] = useState<{ url: string; secret: string } | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const create = useAction(async () => {
    const e = await must(
      api.POST("/v1/webhook-endpoints", { body: { url, types, ...(practiceId ? { practiceId } : {}) } }),
    );
    setSecret({ url: e.url, secret: e.secret });
    setUrl("");
    endpoints.reload();
  });
  const setStatus = useAction(async (endpointId: string, status: "enabled" | "disabled") => {
    await must(api.PATCH("/v1/webhook-endpoints/{endpointId}", { params: { path: { endpointId } }, body: { status } }));
    endpoints.reload();
  });
  const toggle = (t: EventType) => setTypes((ts) => (ts.includes(t) ? ts.filter((x) => x !== t) : [...ts, t]));
  return (
    <>
      <Panel title="Add an endpoint">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void create.run();
          }}
        >
          <div className="form-inline">
            <TextField
              label="URL (https)"
              name="url"
              required
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              error={create.error}
              placeholder="https://ehr.example.com/claimledger-events"
            />
            <SelectField
              label="Practice"
              name="practiceId"
              value={practiceId}
              onChange={(e) => setPracticeId(e.target.value)}
              options={practices}
              error={create.error}
            />
          </div>
          <fieldset className="checks">
            <legend>Events</legend>
            {EVENT_TYPES.map((t) => (
              <label key={t} className="check">
                <input type="checkbox" checked={types.includes(t)} onChange={() => toggle(t)} />{" "}
                <span className="mono">{t}</span>
              </label>
            ))}
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={create.busy || types.length === 0}>
              Add endpoint
            </button>
          </div>
        </form>
        <FormError error={create.error} fields={["url", "practiceId", "types"]} />
        {secret ? (
          <Notice tone="success">
            <div>
              Deliveries to <strong>{secret.url}</strong> are signed with this secret. Copy it now: it is shown only
              this once.
            </div>
            <div className="secret mono" data-testid="new-webhook-secret">
              {secret.secret}
            </div>
            <div className="form-actions">
              <button type="button" className="btn btn-small" onClick={() => setSecret(undefined)}>
                Done
              </button>
            </div>
          </Notice>
        ) : null}
      </Panel>
      <Panel title="Endpoints">
        <ErrorBanner error={setStatus.error} />
        <Loaded state={endpoints}>
          {(d) =>
            d.items.length === 0 ? (
              <Empty title="No endpoints yet">Events are still listed at GET /v1/events.</Empty>
            ) : (
              <DataTable<Endpoint>
                caption="Webhook endpoints"
                rows={d.items}
                rowKey={(e) => e.endpointId}
                onOpen={(e) => setOpen(e.endpointId)}
                columns={[
                  { key: "url", header: "URL", render: (e) => <span className="mono wrap-text">{e.url}</span> },
                  { key: "types", header: "Events", render: (e) => `${e.types.length} types` },
                  { key: "practice", header: "Practice", render: (e) => e.practiceId ?? "every practice" },
                  {
                    key: "status",
                    header: "Status",
                    render: (e) =>
                      e.status === "enabled" ? (
                        <Badge tone="good">enabled</Badge>
                      ) : (
                        <Badge tone="bad">disabled{e.disabledReason ? `: ${e.disabledReason}` : ""}</Badge>
                      ),
                  },
                  {
                    key: "act",
                    header: "",
                    render: (e) => (
                      <span className="row-buttons">
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={(ev) => {
                            ev.stopPropagation();
                            setOpen(e.endpointId);
                          }}
                        >
                          Deliveries
                        </button>{" "}
                        <button
                          type="button"
                          className="btn btn-small"
                          disabled={setStatus.busy}
                          onClick={(ev) => {
                            ev.stopPropagation();
                            void setStatus.run(e.endpointId, e.status === "enabled" ? "disabled" : "enabled");
                          }}
                        >
                          {e.status === "enabled" ? "Disable" : "Enable"}
                        </button>
                      </span>
                    ),
                  },
                ]}
              />
            )
          }
        </Loaded>
      </Panel>
      {open ? <Deliveries endpointId={open} /> : null}
    </>
  );
}

function Deliveries({ endpointId }: { endpointId: string }) {
  const deliveries = useApi(
    () =>
      must(
        api.GET("/v1/webhook-endpoints/{endpointId}/deliveries", {
          params: { path: { endpointId }, query: { limit: 100 } },
        }),
      ),
    [endpointId],
  );
  const [queued, setQueued] = useState<string | undefined>();
  const replay = useAction(async (eventId: string) => {
    await must(
      api.POST("/v1/webhook-endpoints/{endpointId}/deliveries/{eventId}/replay", {
        params: { path: { endpointId, eventId } },
      }),
    );
    setQueued(`Event ${eventId} is queued to be sent again.`);
    deliveries.reload();
  });
  const replayDay = useAction(async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 86_400_000);
    const r = await must(
      api.POST("/v1/webhook-endpoints/{endpointId}/replay", {
        params: { path: { endpointId } },
        body: { from: from.toISOString(), to: to.toISOString(), onlyFailed: true },
      }),
    );
    setQueued(
      `${r.queued} failed or unsent event(s) of the last 24 hours queued again${r.truncated ? " (the first 1,000)" : ""}.`,
    );
    deliveries.reload();
  });
  return (
    <Panel
      title="Recent deliveries"
      actions={
        <button type="button" className="btn btn-small" disabled={replayDay.busy} onClick={() => void replayDay.run()}>
          Replay failures of the last 24 h
        </button>
      }
    >
      <ErrorBanner error={replay.error ?? replayDay.error} />
      {queued ? <Notice tone="success">{queued}</Notice> : null}
      <Loaded state={deliveries}>
        {(d) =>
          d.items.length === 0 ? (
            <Empty title="No deliveries yet">Deliveries appear here as events happen.</Empty>
          ) : (
            <DataTable<Delivery>
              caption="Deliveries"
              rows={d.items}
              rowKey={(x) => x.eventId}
              columns={[
                { key: "event", header: "Event", render: (x) => <span className="mono">{x.eventId}</span> },
                { key: "type", header: "Type", render: (x) => <span className="mono">{x.type}</span> },
                {
                  key: "status",
                  header: "Status",
                  render: (x) => (
                    <Badge tone={x.status === "delivered" ? "good" : x.status === "failed" ? "bad" : "warn"}>
                      {x.status}
                    </Badge>
                  ),
                },
                { key: "attempts", header: "Attempts", render: (x) => x.attemptCount },
                {
                  key: "last",
                  header: "Last answer",
                  render: (x) => {
                    const a = x.attempts.at(-1);
                    return a ? `${a.code ?? a.error ?? "—"} · ${dateTime(a.at)}` : "—";
                  },
                },
                {
                  key: "next",
                  header: "Next try",
                  render: (x) => (x.nextAttemptAt && x.status === "pending" ? dateTime(x.nextAttemptAt) : "—"),
                },
                {
                  key: "act",
                  header: "",
                  render: (x) => (
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={replay.busy}
                      onClick={(ev) => {
                        ev.stopPropagation();
                        void replay.run(x.eventId);
                      }}
                    >
                      Replay
                    </button>
                  ),
                },
              ]}
            />
          )
        }
      </Loaded>
    </Panel>
  );
}
