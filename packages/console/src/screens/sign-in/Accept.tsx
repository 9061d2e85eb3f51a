import { useState, type FormEvent } from "react";
import { sessionApi } from "../../api/session-api";
import { homeOf, type ScreenProps } from "../../routes";
import { Link, navigate } from "../../router";
import { useSession } from "../../session";
import { FormError, TextField } from "../../ui/fields";

/** /app/accept?token=: an invited person chooses a password and is signed in. */
export default function Accept({ query }: ScreenProps) {
  const token = query.get("token") ?? "";
  const { signedIn } = useSession();
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const mismatch = again.length > 0 && again !== password;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password.length < 12) return setError(new Error("Choose a password of at least 12 characters."));
    if (password !== again) return setError(new Error("The two passwords are not the same."));
    setBusy(true);
    setError(undefined);
    try {
      const me = await sessionApi.accept({ token, password });
      signedIn(me);
      navigate(homeOf(me.user.role), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin">
      <div className="signin-card">
        <div className="brand brand-large">ClaimLedger</div>
        <h1>Accept your invitation</h1>
        {!token ? (
          <div className="banner banner-error" role="alert">
            This link has no invitation token. Open the link from your invitation email again.
          </div>
        ) : (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <p className="muted">Choose a password to finish setting up your account.</p>
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
            <div className={`field${mismatch ? " field-invalid" : ""}`}>
              <label htmlFor="accept-again">Repeat the password</label>
              <input
                id="accept-again"
                type="password"
                autoComplete="new-password"
                value={again}
                onChange={(e) => setAgain(e.target.value)}
                aria-describedby="accept-again-error"
              />
              <div className="field-error" id="accept-again-error">
                {mismatch ? "The two passwords are not the same." : ""}
              </div>
            </div>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary btn-wide" disabled={busy}>
                {busy ? "Setting up…" : "Set password and sign in"}
              </button>
            </div>
          </form>
        )}
        <p className="muted small">
          <Link to="/sign-in">Back to sign-in</Link>
        </p>
      </div>
    </div>
  );
}
