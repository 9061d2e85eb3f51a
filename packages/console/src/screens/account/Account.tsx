import { useState } from "react";
import { sessionApi } from "../../api/session-api";
import { useSession, useUser } from "../../session";
import { FormError, TextField } from "../../ui/fields";
import { dateTime } from "../../ui/format";
import { Badge, Page, Panel } from "../../ui/page";
import { Notice } from "../../ui/states";
import { QrCode } from "../../ui/qr";
import { useAction } from "../../ui/use-api";

const idle = (s: number) => (s >= 120 ? `${Math.round(s / 60)} minutes` : `${s} seconds`);

/** Who you are signed in as, and two-factor sign-in (TOTP): enrol with a QR code, confirm with a code, or turn it off. */
export default function Account() {
  const user = useUser();
  const { me, signedIn } = useSession();
  const [enrol, setEnrol] = useState<{ secret: string; otpauthUri: string } | undefined>();
  const [code, setCode] = useState("");
  const [done, setDone] = useState<string | undefined>();
  const updateUser = (u: typeof user) => me && signedIn({ ...me, user: u });
  const start = useAction(async () => {
    setDone(undefined);
    setEnrol(await sessionApi.startTotp());
  });
  const confirm = useAction(async () => {
    updateUser(await sessionApi.confirmTotp(code));
    setEnrol(undefined);
    setCode("");
    setDone("Two-factor sign-in is on. From now on you will be asked for a code after your password.");
  });
  const disable = useAction(async () => {
    updateUser(await sessionApi.disableTotp(code));
    setCode("");
    setDone("Two-factor sign-in is off.");
  });
  return (
    <Page title="Your account">
      <div className="grid grid-2">
        <Panel title="You">
          <dl className="kv">
            <dt>Name</dt>
            <dd>{user.name}</dd>
            <dt>Email</dt>
            <dd>{user.email}</dd>
            <dt>Company</dt>
            <dd>{user.companyName}</dd>
            <dt>Role</dt>
            <dd>{user.role}</dd>
            <dt>Last sign-in</dt>
            <dd>{dateTime(user.lastSignInAt)}</dd>
            <dt>Session ends</dt>
            <dd>
              {dateTime(me?.session.expiresAt)}, or after {idle(me?.session.idleTimeoutSeconds ?? 0)} without activity
            </dd>
          </dl>
        </Panel>
        <Panel
          title="Two-factor sign-in"
          actions={user.totpEnabled ? <Badge tone="good">on</Badge> : <Badge>off</Badge>}
        >
          {done ? <Notice tone="success">{done}</Notice> : null}
          {!user.totpEnabled && !enrol ? (
            <>
              <p>
                Protect your account with a 6-digit code from an authenticator app (Google Authenticator, 1Password,
                Authy…) in addition to your password.
              </p>
              <FormError error={start.error} />
              <button type="button" className="btn btn-primary" disabled={start.busy} onClick={() => void start.run()}>
                Set up two-factor sign-in
              </button>
            </>
          ) : null}
          {enrol ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void confirm.run();
              }}
            >
              <p>1. Scan this code with your authenticator app.</p>
              <QrCode text={enrol.otpauthUri} label="QR code to add ClaimLedger to an authenticator app" />
              <p>
                Or enter this secret by hand:
                <br />
                <span className="secret mono" data-testid="totp-secret">
                  {enrol.secret}
                </span>
              </p>
              <p>2. Enter the 6-digit code the app shows.</p>
              <FormError error={confirm.error} fields={["code"]} />
              <div className="form-inline">
                <TextField
                  label="Code"
                  name="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  value={code}
                  onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
                  error={confirm.error}
                />
                <div className="form-actions">
                  <button type="submit" className="btn btn-primary" disabled={confirm.busy || code.length !== 6}>
                    Turn on
                  </button>
                  <button type="button" className="btn" onClick={() => setEnrol(undefined)}>
                    Cancel
                  </button>
                </div>
              </div>
            </form>
          ) : null}
          {user.totpEnabled ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void disable.run();
              }}
            >
              <p>To turn two-factor sign-in off, enter a current code from your app.</p>
              <FormError error={disable.error} fields={["code"]} />
              <div className="form-inline">
                <TextField
                  label="Code"
                  name="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  value={code}
                  onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
                  error={disable.error}
                />
                <div className="form-actions">
                  <button type="submit" className="btn btn-danger" disabled={disable.busy || code.length !== 6}>
                    Turn off
                  </button>
                </div>
              </div>
            </form>
          ) : null}
        </Panel>
      </div>
    </Page>
  );
}
