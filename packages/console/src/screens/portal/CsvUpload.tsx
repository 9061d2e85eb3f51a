import { useMemo, useState } from "react";
import { api, ApiError, must } from "../../api/client";
import { Link } from "../../router";
import { Panel } from "../../ui/page";
import { ErrorBanner, Notice } from "../../ui/states";
import { useAction } from "../../ui/use-api";

/** RFC 4180-ish: enough to show the rows the practice sent (the API does the real parsing). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

interface RowNote {
  tone: "error" | "ok" | "warn";
  text: string;
  claimId?: string;
}

type ImportResult = {
  accepted: number;
  rejected: number;
  results: {
    rows: number[];
    outcome: "accepted" | "rejected";
    claimId?: string;
    status?: string;
    findings?: { message: string; severity: string }[];
    problem?: { detail: string; title: string; errors?: { path: string; message: string }[] };
  }[];
};

/** CSV upload: the file's rows shown with their row numbers, each error or outcome next to its row. */
export function CsvUpload({ practiceId }: { practiceId: string }) {
  const [name, setName] = useState("");
  const [text, setText] = useState("");
  const [notes, setNotes] = useState<Map<number, RowNote[]>>(new Map());
  const [summary, setSummary] = useState<string | undefined>();
  const rows = useMemo(() => parseCsv(text), [text]);
  const up = useAction(async () => {
    setNotes(new Map());
    setSummary(undefined);
    const add = (m: Map<number, RowNote[]>, row: number, n: RowNote) => m.set(row, [...(m.get(row) ?? []), n]);
    const m = new Map<number, RowNote[]>();
    try {
      const r = (await must(
        api.POST("/v1/practices/{practiceId}/encounters:import", {
          params: { path: { practiceId } },
          body: text,
          bodySerializer: (b: string) => b,
          headers: { "content-type": "text/csv" },
        }),
      )) as ImportResult;
      for (const res of r.results)
        for (const row of res.rows)
          add(
            m,
            row,
            res.outcome === "accepted"
              ? {
                  tone: res.status === "ready" ? "ok" : "warn",
                  text:
                    res.status === "ready"
                      ? "Accepted, ready to send"
                      : `Accepted, needs review: ${res.findings?.[0]?.message ?? ""}`,
                  claimId: res.claimId,
                }
              : {
                  tone: "error",
                  text: `Not imported: ${res.problem?.errors?.map((e) => `${e.path} ${e.message}`).join("; ") || res.problem?.detail || res.problem?.title}`,
                },
          );
      setSummary(`${r.accepted} encounter(s) imported, ${r.rejected} not imported.`);
    } catch (e) {
      if (!(e instanceof ApiError) || !e.errors.length) throw e;
      const general: string[] = [];
      for (const err of e.errors) {
        const hit = /^row (\d+)(?: (.+))?$/.exec(err.path);
        if (hit) add(m, Number(hit[1]), { tone: "error", text: hit[2] ? `${hit[2]}: ${err.message}` : err.message });
        else general.push(`${err.path}: ${err.message}`);
      }
      setSummary(
        `Nothing was imported: ${e.errors.length} problem(s) in the file. Fix the rows marked below and upload again.${general.length ? ` ${general.join("; ")}` : ""}`,
      );
      setNotes(m);
      throw e;
    }
    setNotes(m);
  });
  const failed = up.error instanceof ApiError && up.error.errors.length > 0;
  const width = Math.max(0, ...rows.map((r) => r.length));
  return (
    <Panel
      title="Upload encounters from a CSV"
      actions={
        <a href="/v1/encounters/import-template.csv" download>
          Download the template
        </a>
      }
    >
      <p className="muted small">
        One row per service line; rows sharing an <span className="mono">encounter_ref</span> form one encounter. The
        whole file is checked first: if any row has a problem, nothing is imported.
      </p>
      <form
        className="form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          void up.run();
        }}
      >
        <div className="field">
          <label htmlFor="csv-file">CSV file</label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const f = e.target.files?.[0];
              setName(f?.name ?? "");
              setNotes(new Map());
              setSummary(undefined);
              up.setError(undefined);
              if (f) void f.text().then(setText);
              else setText("");
            }}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={!text || up.busy}>
            {up.busy ? "Uploading…" : "Upload"}
          </button>
        </div>
      </form>
      {summary ? (
        failed ? (
          <div className="banner banner-error" role="alert">
            {summary}
          </div>
        ) : (
          <Notice tone="success">{summary}</Notice>
        )
      ) : !failed ? (
        <ErrorBanner error={up.error} />
      ) : null}
      {rows.length ? (
        <div className="table-scroll csv-preview">
          <table className="table table-compact">
            <caption className="visually-hidden">Rows of {name}</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                {/* The result comes first: a wide file scrolls, and the error must be in view. */}
                <th scope="col">Result</th>
                {(rows[0] ?? []).map((h, i) => (
                  <th key={i} scope="col" className="mono">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.slice(1).map((r, i) => {
                const n = i + 2;
                const ns = notes.get(n) ?? [];
                const bad = ns.some((x) => x.tone === "error");
                return (
                  <tr key={n} className={bad ? "row-error" : undefined} data-row={n}>
                    <th scope="row">{n}</th>
                    <td className="csv-result">
                      {ns.map((x, k) => (
                        <div
                          key={k}
                          className={
                            x.tone === "error" ? "finding-error" : x.tone === "warn" ? "finding-warning" : "finding-ok"
                          }
                        >
                          {x.text}
                          {x.claimId ? (
                            <>
                              {" "}
                              <Link to={`/claims/${x.claimId}`}>{x.claimId}</Link>
                            </>
                          ) : null}
                        </div>
                      ))}
                    </td>
                    {Array.from({ length: width }, (_, j) => (
                      <td key={j} className="mono">
                        {r[j] ?? ""}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </Panel>
  );
}
