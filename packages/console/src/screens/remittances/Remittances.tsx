import { useEffect, useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import type { ScreenProps } from "../../routes";
import { navigate } from "../../router";
import { useUser } from "../../session";
import { fieldError } from "../../ui/fields";
import { count, date, dateTime, label, money } from "../../ui/format";
import { Badge, Page, Panel, Tabs } from "../../ui/page";
import { Empty, ErrorBanner, Loaded, Notice } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";

type Remittance = Get<"/v1/remittances">["items"][number];
type Inbound = Get<"/v1/inbound-files">["items"][number];
type InboundOne = Get<"/v1/inbound-files/{sha256}">;

const REM_TONE: Record<string, "good" | "warn" | "bad" | "info" | "neutral"> = {
  posted: "good",
  posting: "info",
  duplicate: "neutral",
  unbalanced: "bad",
  incomplete: "bad",
  processed: "good",
  failed: "bad",
};

function summaryText(s: InboundOne["summary"]): string {
  if (!s) return "";
  if ("posted" in s)
    return `${s.posted} claim payment(s) posted, ${s.unmatched} unmatched (to suspense), ${s.unbalanced} unbalanced, ${s.duplicates} duplicate(s)`;
  if ("sets" in s) return `999: ${s.accepted} of ${s.sets} set(s) accepted, ${s.claimsRejected} claim(s) rejected`;
  if ("answers" in s) return `271: ${s.matched} of ${s.answers} eligibility answer(s) matched to checks`;
  if ("kind" in s)
    return `277 status: ${s.recorded} of ${s.claims} claim(s) answered, ${s.needsAction} need action, ${s.unknown} unknown`;
  return `277CA: ${s.accepted} of ${s.claims} claim(s) accepted, ${s.rejected} rejected`;
}

/** Remittances: upload an 835, see what it posted (or could not), and every file received. */
export default function Remittances({ query }: ScreenProps) {
  const user = useUser();
  const [tab, setTab] = useState<"remittances" | "files">(query.get("tab") === "files" ? "files" : "remittances");
  const rems = useApi(() => must(api.GET("/v1/remittances", { params: { query: { limit: 100 } } })), []);
  const files = useApi(() => must(api.GET("/v1/inbound-files", { params: { query: { limit: 100 } } })), []);
  const canUpload = user.role === "owner" || user.role === "biller";
  return (
    <Page title="Remittances">
      {canUpload ? (
        <Upload
          onPosted={() => {
            rems.reload();
            files.reload();
          }}
        />
      ) : null}
      <Tabs
        tabs={[
          { key: "remittances", label: "Payments (835)" },
          { key: "files", label: "Inbound files" },
        ]}
        active={tab}
        onChange={setTab}
      />
      {tab === "remittances" ? (
        <Loaded state={rems} what="Loading remittances">
          {(d) => (
            <DataTable<Remittance>
              caption="Remittances"
              rows={d.items}
              rowKey={(r) => r.remittanceId}
              globalKeys
              initialSort={{ key: "received", dir: "desc" }}
              empty={<Empty title="No remittances yet">Upload an 835, or poll the clearinghouse.</Empty>}
              columns={[
                {
                  key: "received",
                  header: "Received",
                  render: (r) => dateTime(r.receivedAt),
                  sortValue: (r) => r.receivedAt,
                },
                { key: "payer", header: "Payer", render: (r) => r.payerName, sortValue: (r) => r.payerName },
                {
                  key: "trace",
                  header: "Check / EFT",
                  render: (r) => <span className="mono">{r.trace}</span>,
                  sortValue: (r) => r.trace,
                },
                {
                  key: "deposit",
                  header: "Deposit",
                  render: (r) => date(r.depositDate),
                  sortValue: (r) => r.depositDate,
                },
                {
                  key: "amount",
                  header: "Payment",
                  align: "right",
                  render: (r) => money(r.paymentCents),
                  sortValue: (r) => r.paymentCents,
                },
                {
                  key: "status",
                  header: "Status",
                  render: (r) => <Badge tone={REM_TONE[r.status] ?? "info"}>{label(r.status)}</Badge>,
                  sortValue: (r) => r.status,
                },
                {
                  key: "result",
                  header: "What posted",
                  render: (r) => (
                    <span className="wrap-text">
                      {r.summary
                        ? `${r.summary.posted} posted · ${r.summary.unmatched} unmatched · ${r.summary.unbalanced} unbalanced`
                        : "—"}
                      {r.problems?.map((p) => (
                        <div key={p.claim} className="finding-error small">
                          {p.claim}: {p.message}
                        </div>
                      ))}
                    </span>
                  ),
                  filterValue: (r) => (r.problems ?? []).map((p) => `${p.claim} ${p.message}`).join(" "),
                },
              ]}
            />
          )}
        </Loaded>
      ) : (
        <Loaded state={files} what="Loading inbound files">
          {(d) => <Files rows={d.items} />}
        </Loaded>
      )}
    </Page>
  );
}

function Files({ rows }: { rows: Inbound[] }) {
  const open = async (sha256: string) => {
    const f = await must(api.GET("/v1/inbound-files/{sha256}", { params: { path: { sha256 } } }));
    window.open(f.fileUrl, "_blank", "noopener");
  };
  return (
    <DataTable<Inbound>
      caption="Inbound files"
      rows={rows}
      rowKey={(f) => f.sha256}
      globalKeys
      onOpen={(f) => void open(f.sha256)}
      initialSort={{ key: "received", dir: "desc" }}
      empty={<Empty title="No files received yet">999, 277CA and 835 files appear here as they arrive.</Empty>}
      columns={[
        { key: "received", header: "Received", render: (f) => dateTime(f.receivedAt), sortValue: (f) => f.receivedAt },
        {
          key: "kind",
          header: "Kind",
          render: (f) => <span className="mono">{f.kind ?? "?"}</span>,
          sortValue: (f) => f.kind ?? "",
        },
        {
          key: "name",
          header: "File",
          render: (f) => <span className="mono wrap-text">{f.name ?? f.sha256.slice(0, 12)}</span>,
          sortValue: (f) => f.name ?? "",
        },
        {
          key: "source",
          header: "From",
          render: (f) => (f.source === "poll" ? "Clearinghouse" : "Upload"),
          sortValue: (f) => f.source,
        },
        {
          key: "status",
          header: "Status",
          render: (f) => (
            <span>
              <Badge tone={REM_TONE[f.status] ?? "info"}>{label(f.status)}</Badge>
              {f.error ? <span className="finding-error small"> {f.error}</span> : null}
            </span>
          ),
          sortValue: (f) => f.status,
        },
        {
          key: "summary",
          header: "What it did",
          render: (f) => <span className="wrap-text small">{summaryText(f.summary)}</span>,
        },
        {
          key: "bytes",
          header: "Size",
          align: "right",
          render: (f) => `${count(Math.ceil(f.bytes / 1024))} KB`,
          sortValue: (f) => f.bytes,
        },
      ]}
    />
  );
}

function Upload({ onPosted }: { onPosted: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [received, setReceived] = useState<{ sha256: string; duplicate: boolean } | undefined>();
  const [state, setState] = useState<InboundOne | undefined>();
  const up = useAction(async () => {
    if (!file) throw new Error("Choose an 835 file first.");
    const text = await file.text();
    const r = await must(
      api.POST("/v1/remittances", {
        body: text,
        bodySerializer: (b: string) => b,
        headers: { "content-type": "application/edi-x12" },
      }),
    );
    setState(undefined);
    setReceived(r);
  });
  // Follow the file until posting is done (the inbound worker posts it).
  useEffect(() => {
    if (!received) return;
    let live = true;
    const tick = async () => {
      const f = await must(
        api.GET("/v1/inbound-files/{sha256}", { params: { path: { sha256: received.sha256 } } }),
      ).catch(() => undefined);
      if (!live) return;
      if (f) setState(f);
      if (f && (f.status === "processed" || f.status === "failed")) onPosted();
      else setTimeout(() => void tick(), 1000);
    };
    void tick();
    return () => {
      live = false;
    };
  }, [received]);
  const msg = fieldError(up.error, "(body)") ?? fieldError(up.error, "file");
  return (
    <Panel title="Upload an 835">
      <form
        className="form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          void up.run();
        }}
      >
        <div className={`field${msg ? " field-invalid" : ""}`}>
          <label htmlFor="era-file">835 file (X12)</label>
          <input
            id="era-file"
            name="file"
            type="file"
            accept=".835,.edi,.txt,.x12"
            aria-describedby="era-file-error"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <div className="field-error" id="era-file-error" aria-live="polite">
            {msg ?? ""}
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={up.busy || !file}>
            {up.busy ? "Uploading…" : "Upload and post"}
          </button>
        </div>
      </form>
      {!msg ? <ErrorBanner error={up.error} /> : null}
      {received ? (
        state?.status === "processed" ? (
          <Notice
            tone={
              state.summary && "unbalanced" in state.summary && (state.summary.unbalanced || state.summary.unmatched)
                ? "warning"
                : "success"
            }
          >
            {received.duplicate ? "This file was received before; nothing posted twice. " : "Posted: "}
            {summaryText(state.summary)}.{" "}
            <a
              href="/app/queues/suspense"
              onClick={(e) => {
                e.preventDefault();
                navigate("/queues/suspense");
              }}
            >
              Suspense
            </a>{" "}
            holds anything unmatched.
          </Notice>
        ) : state?.status === "failed" ? (
          <ErrorBanner error={new Error(`The file could not be posted: ${state.error ?? "unknown error"}`)} />
        ) : (
          <Notice>
            Received ({received.sha256.slice(0, 12)}…); posting
            {state?.postingRun ? ` chunk ${state.postingRun.chunksDone ?? 0} of ${state.postingRun.chunks}` : ""}…
          </Notice>
        )
      ) : null}
    </Panel>
  );
}
