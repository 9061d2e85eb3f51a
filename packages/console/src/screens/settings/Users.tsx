import { useState } from "react";
import { sessionApi, type InvitationView, type Role, type UserView } from "../../api/session-api";
import { useUser } from "../../session";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { dateTime } from "../../ui/format";
import { Badge, Panel } from "../../ui/page";
import { ErrorBanner, Loaded, Notice } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import type { SectionProps } from "./Settings";
import { usePracticeOptions } from "./practice-options";

export const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: "owner", label: "Owner" },
  { value: "biller", label: "Biller" },
  { value: "viewer", label: "Viewer" },
  { value: "practice", label: "Practice user" },
];

/** The company's people: who has access with which role, and the invitations still open. */
export function Users({ canEdit }: SectionProps) {
  const me = useUser();
  const users = useApi(() => sessionApi.users(), []);
  const invitations = useApi(
    () => (canEdit ? sessionApi.invitations() : Promise.resolve({ items: [], nextCursor: null })),
    [canEdit],
  );
  const practices = usePracticeOptions();
  const practiceName = (id?: string) => practices.find((p) => p.value === id)?.label ?? id ?? "";
  const change = useAction(async (u: UserView, patch: { role?: Role; status?: "active" | "disabled" }) => {
    await sessionApi.patchUser(u.userId, patch);
    users.reload();
  });
  const revoke = useAction(async (id: string) => {
    await sessionApi.revokeInvitation(id);
    invitations.reload();
  });
  return (
    <>
      {canEdit ? <Invite practices={practices} onSent={invitations.reload} /> : null}
      <Panel title="Users">
        <ErrorBanner error={change.error} />
        <Loaded state={users} what="Loading users">
          {(d) => (
            <DataTable<UserView>
              caption="Users"
              rows={d.items}
              rowKey={(u) => u.userId}
              initialSort={{ key: "name", dir: "asc" }}
              columns={[
                { key: "name", header: "Name", render: (u) => u.name, sortValue: (u) => u.name },
                { key: "email", header: "Email", render: (u) => u.email, sortValue: (u) => u.email },
                {
                  key: "role",
                  header: "Role",
                  sortValue: (u) => u.role,
                  render: (u) =>
                    canEdit && u.userId !== me.userId && u.role !== "practice" ? (
                      <select
                        aria-label={`Role of ${u.name}`}
                        value={u.role}
                        disabled={change.busy}
                        onClick={(e) => e.stopPropagation()}
                        onChange={(e) => void change.run(u, { role: e.target.value as Role })}
                      >
                        {ROLE_OPTIONS.filter((o) => o.value !== "practice").map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <>
                        {u.role}
                        {u.practiceId ? <span className="muted"> · {practiceName(u.practiceId)}</span> : null}
                      </>
                    ),
                },
                {
                  key: "totp",
                  header: "Two-factor",
                  render: (u) => (u.totpEnabled ? <Badge tone="good">on</Badge> : <Badge>off</Badge>),
                },
                {
                  key: "status",
                  header: "Status",
                  sortValue: (u) => u.status,
                  render: (u) => (
                    <>
                      <Badge tone={u.status === "active" ? "good" : "bad"}>{u.status}</Badge>{" "}
                      {canEdit && u.userId !== me.userId ? (
                        <button
                          type="button"
                          className="btn btn-small"
                          disabled={change.busy}
                          onClick={(e) => {
                            e.stopPropagation();
                            void change.run(u, { status: u.status === "active" ? "disabled" : "active" });
                          }}
                        >
                          {u.status === "active" ? "Disable" : "Enable"}
                        </button>
                      ) : null}
                    </>
                  ),
                },
                {
                  key: "last",
                  header: "Last sign-in",
                  render: (u) => dateTime(u.lastSignInAt),
                  sortValue: (u) => u.lastSignInAt ?? "",
                },
              ]}
            />
          )}
        </Loaded>
      </Panel>
      {canEdit ? (
        <Panel title="Invitations">
          <ErrorBanner error={revoke.error} />
          <Loaded state={invitations} what="Loading invitations">
            {(d) => (
              <DataTable<InvitationView>
                caption="Invitations"
                rows={d.items}
                rowKey={(i) => i.invitationId}
                filter={false}
                empty={<p className="muted">No invitations.</p>}
                columns={[
                  { key: "name", header: "Name", render: (i) => i.name },
                  { key: "email", header: "Email", render: (i) => i.email },
                  {
                    key: "role",
                    header: "Role",
                    render: (i) => (i.practiceId ? `${i.role} · ${practiceName(i.practiceId)}` : i.role),
                  },
                  {
                    key: "status",
                    header: "Status",
                    render: (i) => (
                      <Badge tone={i.status === "pending" ? "info" : i.status === "accepted" ? "good" : "neutral"}>
                        {i.status}
                      </Badge>
                    ),
                  },
                  { key: "expires", header: "Expires", render: (i) => dateTime(i.expiresAt) },
                  {
                    key: "act",
                    header: "",
                    render: (i) =>
                      i.status === "pending" ? (
                        <button
                          type="button"
                          className="btn btn-small btn-danger"
                          disabled={revoke.busy}
                          onClick={() => void revoke.run(i.invitationId)}
                        >
                          Revoke
                        </button>
                      ) : null,
                  },
                ]}
              />
            )}
          </Loaded>
        </Panel>
      ) : null}
    </>
  );
}

function Invite({ practices, onSent }: { practices: { value: string; label: string }[]; onSent: () => void }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("biller");
  const [practiceId, setPracticeId] = useState("");
  const [sent, setSent] = useState<string | undefined>();
  const act = useAction(async () => {
    await sessionApi.invite({ email, name, role, ...(role === "practice" ? { practiceId } : {}) });
    setSent(email);
    setEmail("");
    setName("");
    onSent();
  });
  return (
    <Panel title="Invite a person">
      <form
        className="form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          void act.run();
        }}
      >
        <TextField
          label="Name"
          name="name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={act.error}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={act.error}
        />
        <SelectField
          label="Role"
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          options={ROLE_OPTIONS}
          error={act.error}
        />
        {role === "practice" ? (
          <SelectField
            label="Practice"
            name="practiceId"
            value={practiceId}
            onChange={(e) => setPracticeId(e.target.value)}
            options={practices}
            error={act.error}
          />
        ) : null}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={act.busy}>
            {act.busy ? "Sending…" : "Send invitation"}
          </button>
        </div>
      </form>
      <FormError error={act.error} fields={["name", "email", "role", "practiceId"]} />
      {sent ? (
        <Notice tone="success">Invitation sent to {sent}. The link in the email lets them choose a password.</Notice>
      ) : null}
    </Panel>
  );
}
