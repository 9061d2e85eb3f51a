import { useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { FormError, TextField } from "../../ui/fields";
import { dateTime } from "../../ui/format";
import { Panel } from "../../ui/page";
import { ErrorBanner, Loaded, Notice } from "../../ui/states";
import { useAction, useApi } from "../../ui/use-api";
import type { SectionProps } from "./Settings";

type Settings = Get<"/v1/clearinghouse">;

/** Where claims go: the sandbox, or a real clearinghouse over SFTP (the password lives in Secrets Manager). */
export function Clearinghouse({ canEdit }: SectionProps) {
  const ch = useApi(() => must(api.GET("/v1/clearinghouse")), []);
  const files = useApi(() => must(api.GET("/v1/inbound-files", { params: { query: { limit: 10 } } })), []);
  const [polled, setPolled] = useState(false);
  const poll = useAction(async () => {
    await must(api.POST("/v1/clearinghouse/poll", {}));
    setPolled(true);
    setTimeout(files.reload, 3000);
  });
  return (
    <>
      <Panel title="Connection">
        <Loaded state={ch}>{(s) => (canEdit ? <Edit current={s} onSaved={ch.reload} /> : <Show s={s} />)}</Loaded>
      </Panel>
      <Panel
        title="Recent files received"
        actions={
          canEdit ? (
            <button type="button" className="btn btn-small" disabled={poll.busy} onClick={() => void poll.run()}>
              Fetch answers now
            </button>
          ) : null
        }
      >
        <ErrorBanner error={poll.error} />
        {polled ? (
          <Notice tone="info">
            Asked the clearinghouse for its answers; new files appear here when the poll has run.
          </Notice>
        ) : null}
        <Loaded state={files}>
          {(d) =>
            d.items.length ? (
              <table className="table">
                <caption className="visually-hidden">Inbound files</caption>
                <thead>
                  <tr>
                    <th scope="col">Received</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((f) => (
                    <tr key={f.sha256}>
                      <td>{dateTime(f.receivedAt)}</td>
                      <td>{f.kind}</td>
                      <td>{f.status}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">No files received yet.</p>
            )
          }
        </Loaded>
      </Panel>
    </>
  );
}

function Show({ s }: { s: Settings }) {
  return s.kind === "sandbox" ? (
    <p>Claims go to the built-in sandbox clearinghouse, which answers with 999s, 277CAs and 835s.</p>
  ) : (
    <dl className="kv">
      <dt>SFTP host</dt>
      <dd>
        {s.host}:{s.port ?? 22}
      </dd>
      <dt>User</dt>
      <dd>{s.username}</dd>
      <dt>Outbound folder</dt>
      <dd>{s.outboundDir}</dd>
      <dt>Inbound folder</dt>
      <dd>{s.inboundDir}</dd>
    </dl>
  );
}

function Edit({ current, onSaved }: { current: Settings; onSaved: () => void }) {
  const sftp = current.kind === "sftp" ? current : undefined;
  const [kind, setKind] = useState<"sandbox" | "sftp">(current.kind);
  const [f, setF] = useState({
    host: sftp?.host ?? "",
    port: String(sftp?.port ?? 22),
    username: sftp?.username ?? "",
    outboundDir: sftp?.outboundDir ?? "/outbound",
    inboundDir: sftp?.inboundDir ?? "/inbound",
    secretName: sftp?.secretName ?? "",
    hostKeySha256: sftp?.hostKeySha256 ?? "",
  });
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    setSaved(false);
    const body =
      kind === "sandbox"
        ? { kind }
        : {
            kind,
            host: f.host,
            port: Number(f.port) || 22,
            username: f.username,
            outboundDir: f.outboundDir,
            inboundDir: f.inboundDir,
            secretName: f.secretName,
            ...(f.hostKeySha256 ? { hostKeySha256: f.hostKeySha256 } : {}),
          };
    await must(api.PUT("/v1/clearinghouse", { body }));
    setSaved(true);
    onSaved();
  });
  const field = (name: keyof typeof f, label: string, hint?: string) => (
    <TextField
      label={label}
      name={name}
      value={f[name]}
      hint={hint}
      onChange={(e) => setF({ ...f, [name]: e.target.value })}
      error={save.error}
    />
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <fieldset className="choice">
        <legend>Send claims to</legend>
        <label>
          <input type="radio" name="kind" checked={kind === "sandbox"} onChange={() => setKind("sandbox")} /> The
          sandbox (testing)
        </label>
        <label>
          <input type="radio" name="kind" checked={kind === "sftp"} onChange={() => setKind("sftp")} /> A clearinghouse
          over SFTP
        </label>
      </fieldset>
      {kind === "sftp" ? (
        <div className="grid grid-2">
          {field("host", "Host")}
          {field("port", "Port")}
          {field("username", "User name")}
          {field("secretName", "Password secret", "The name of the Secrets Manager secret holding the password or key")}
          {field("outboundDir", "Outbound folder (837P)")}
          {field("inboundDir", "Inbound folder (999, 277CA, 835)")}
          {field("hostKeySha256", "Host key SHA-256", "Pins the server's host key")}
        </div>
      ) : null}
      <FormError error={save.error} fields={Object.keys(f)} />
      {saved ? <Notice tone="success">Saved.</Notice> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.busy}>
          Save
        </button>
      </div>
    </form>
  );
}
