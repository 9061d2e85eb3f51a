import { useState, type FormEvent } from "react";
import { sessionApi } from "../../api/session-api";
import type { ScreenProps } from "../../routes";
import { Link, navigate } from "../../router";
import { FormError, TextField } from "../../ui/fields";
import { Notice } from "../../ui/states";

/** /app/reset: ask for a reset link; /app/reset?token=: choose the new password. */
export default function Reset({ query }: ScreenProps) {
  const token = query.get("token");
  return (
    <div className="signin">
      <div className="signin-card">
        <div className="brand brand-large">ClaimLedger</div>
        <h1>{token ? "Choose a new password" : "Reset your password"}</h1>
        {token ? <Complete token={token} /> : <Request />}
        <p className="muted small">
          <Link to="/sign-in">Back to sign-in</Link>
        </p>
      </div>
    </div>
  );
}

function Request() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await sessionApi.requestReset({ email });
      setSent(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (sent)
    return (
      <Notice tone="success">
        If {email} has an account, an email with a link to choose a new password is on its way. The link works for a
        limited time.
      </Notice>
    );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <p className="muted">Enter your email and we will send you a link to choose a new password.</p>
      <FormError error={error} fields={["email"]} />
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
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-wide" disabled={busy}>
          {busy ? "Sending…" : "Send reset link"}
        </button>
      </div>
    </form>
  );
}

function Complete({ token }: { token: string }) {
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password.length < 12) return setError(new Error("Choose a password of at least 12 characters."));
    setBusy(true);
    setError(undefined);
    try {
      await sessionApi.completeReset({ token, password });
      navigate("/sign-in", { replace: true, state: { notice: "Your password is changed. Sign in with the new one." } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormError error={error} fields={["password"]} />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={error}
        autoFocus
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-wide" disabled={busy}>
          {busy ? "Saving…" : "Save new password"}
        </button>
      </div>
    </form>
  );
}
