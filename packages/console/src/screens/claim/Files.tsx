import { api, must } from "../../api/client";
import { dateTime, label } from "../../ui/format";
import { Panel } from "../../ui/page";
import { Empty, Loaded } from "../../ui/states";
import { useApi } from "../../ui/use-api";
import type { Claim } from "./parts";

interface FileRow {
  key: string;
  direction: "Sent" | "Received";
  kind: string;
  name: string;
  at: string;
  status: string;
  detail?: string;
  url?: string;
}

/**
 * The EDI files of one claim: the 837P batches that carried it (from the batch list), the 999
 * each batch got, and the 835s whose payments posted to it (from its ledger entries).
 */
export function ClaimFiles({ claim, ledgerRemittances }: { claim: Claim; ledgerRemittances: (string | undefined)[] }) {
  const rems = [...new Set(ledgerRemittances.filter((x): x is string => !!x))];
  const s = useApi(async () => {
    const rows: FileRow[] = [];
    const batches = await must(api.GET("/v1/claim-batches", { params: { query: { limit: 100 } } }));
    for (const b of batches.items.filter((b) => b.claimIds.includes(claim.claimId))) {
      const full = await must(api.GET("/v1/claim-batches/{batchId}", { params: { path: { batchId: b.batchId } } }));
      rows.push({
        key: b.batchId,
        direction: "Sent",
        kind: "837P",
        name: full.fileName ?? b.batchId,
        at: full.submittedAt ?? full.createdAt,
        status: full.status,
        detail: full.error,
        url: full.fileUrl,
      });
      for (const a of full.ack?.ack999 ?? [])
        rows.push({
          key: `${b.batchId}-999-${a.set}`,
          direction: "Received",
          kind: "999",
          name: `acknowledgement of set ${a.set}`,
          at: full.updatedAt,
          status: a.statusDescription ?? a.status,
          detail: `999 code ${a.status}`,
        });
    }
    if (rems.length) {
      const list = await must(api.GET("/v1/remittances", { params: { query: { limit: 100 } } }));
      for (const r of list.items.filter((r) => rems.includes(r.remittanceId))) {
        const f = await must(api.GET("/v1/inbound-files/{sha256}", { params: { path: { sha256: r.sha256 } } })).catch(
          () => undefined,
        );
        rows.push({
          key: r.remittanceId,
          direction: "Received",
          kind: "835",
          name: f?.name ?? `${r.payerName} ${r.trace}`,
          at: r.receivedAt,
          status: r.status,
          detail: `${r.payerName}, trace ${r.trace}`,
          url: f?.fileUrl,
        });
      }
    }
    return rows.sort((a, b) => a.at.localeCompare(b.at));
  }, [claim.claimId, claim.version, rems.join(",")]);
  return (
    <Panel title="Files">
      <Loaded state={s} what="Loading the files">
        {(rows) =>
          rows.length ? (
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Direction</th>
                  <th scope="col">Kind</th>
                  <th scope="col">File</th>
                  <th scope="col">Status</th>
                  <th scope="col">Download</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <td>{dateTime(r.at)}</td>
                    <td>{r.direction}</td>
                    <td className="mono">{r.kind}</td>
                    <td className="wrap-text">
                      {r.name}
                      {r.detail ? <div className="muted small">{r.detail}</div> : null}
                    </td>
                    <td>{label(r.status)}</td>
                    <td>
                      {r.url ? (
                        <a href={r.url} download>
                          Download
                        </a>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty title="No files yet">
              The 837P appears here once the claim is batched; 999, 277CA and 835 files as they arrive.
            </Empty>
          )
        }
      </Loaded>
      <p className="muted small">
        277CA files are listed under Remittances → Inbound files; the claim&apos;s status history shows what each did to
        it.
      </p>
    </Panel>
  );
}
