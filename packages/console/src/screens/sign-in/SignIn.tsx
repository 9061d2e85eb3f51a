import { useState, type FormEvent } from "react";
import { ApiError } from "../../api/client";
import { sessionApi } from "../../api/session-api";
import { homeOf } from "../../routes";
import { Link, historyState, navigate } from "../../router";
import { useSession, type SignInState } from "../../session";
import { TextField, SelectField } from "../../ui/fields";
import { Notice } from "../../ui/states";

/** What a refused sign-in means, in words. */
export function signInMessage(e: unknown): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  switch (e.kind) {
    case "invalid-credentials":
      return "The email, password or code is not right.";
    case "locked": {
      const until = /\d{4}-\d{2}-\d{2}T[\d:.]+Z/.exec(e.detail)?.[0];
      const when = until
        ? new Date(until).toLocaleTimeString("en-US", { hour: "2-digit", minute: "2-digit", hour12: false })
        : undefined;
      return `This account is locked after too many failed attempts${when ? `, until ${when}` : " for 15 minutes"}. Try again then, or reset your password.`;
    }
    case "rate-limited":
      return "Too many sign-in attempts. Wait a minute, then try again.";
    case "validation":
      return "Enter your email and password.";
    default:
      return e.detail || e.title;
  }
}

export default function SignIn() {
  const { signedIn } = useSession();
  const state = historyState<SignInState>() ?? {};
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [totpCode, setTotp] = useState("");
  const [step, setStep] = useState<"password" | "totp" | "company">("password");
  const [companies, setCompanies] = useState<{ tenantId: string; name: string }[]>([]);
  const [tenantId, setTenantId] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const me = await sessionApi.signIn({
        email,
        password,
        ...(step === "totp" ? { totpCode } : {}),
        ...(tenantId ? { tenantId } : {}),
      });
      signedIn(me);
      navigate(state.next && state.next !== "/sign-in" ? state.next : homeOf(me.user.role), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.kind === "totp-required") {
        setStep("totp");
      } else if (err instanceof ApiError && err.kind === "choose-company") {
        const list = (err.body.companies ?? []) as { tenantId: string; name: string }[];
        setCompanies(list);
        setTenantId(list[0]?.tenantId);
        setStep("company");
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin">
      <div className="signin-card">
        <div className="brand brand-large">ClaimLedger</div>
        <h1>Sign in</h1>
        {state.notice && !error ? <Notice tone="warning">{state.notice}</Notice> : null}
        {error ? (
          <div className="banner banner-error" role="alert">
            {signInMessage(error)}
          </div>
        ) : null}
        <form onSubmit={(e) => void submit(e)} noValidate>
          {step === "password" ? (
            <>
              <TextField
                label="Email"
                name="email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                error={error}
                autoFocus
              />
              <TextField
                label="Password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                error={error}
              />
            </>
          ) : null}
          {step === "totp" ? (
            <TextField
              label="6-digit code from your authenticator app"
              name="totpCode"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              autoFocus
              value={totpCode}
              onChange={(e) => setTotp(e.target.value.replace(/\D/g, ""))}
              error={error}
            />
          ) : null}
          {step === "company" ? (
            <SelectField
              label="Your email belongs to more than one company. Which one?"
              name="tenantId"
              value={tenantId}
              onChange={(e) => setTenantId(e.target.value)}
              options={companies.map((c) => ({ value: c.tenantId, label: c.name }))}
            />
          ) : null}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary btn-wide" disabled={busy}>
              {busy ? "Signing in…" : step === "totp" ? "Verify" : "Sign in"}
            </button>
          </div>
        </form>
        <p className="muted small">
          <Link to="/reset">Forgot your password?</Link>
        </p>
      </div>
    </div>
  );
}
