import { useEffect, useState, type ReactNode } from "react";
import { routes, type ScreenRoute } from "./routes";
import { Link, useLocation, match } from "./router";
import { useSession } from "./session";
import { Dialog } from "./ui/page";

const GROUPS = ["Work", "Portal", "Company", "You"] as const;

/** The frame around every signed-in screen: navigation for the user's role, who is signed in, sign-out, idle warning. */
export function Shell({ children }: { children: ReactNode }) {
  const { me, signOut } = useSession();
  const { path } = useLocation();
  if (!me) return <>{children}</>;
  const { user } = me;
  const mine = routes.filter((r) => r.nav && !r.public && (!r.roles || r.roles.includes(user.role)));
  const current = (r: ScreenRoute) => match(r.path, path) !== null || (r.path !== "/" && path.startsWith(`${r.path}/`));
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">ClaimLedger</span>
        <span className="company">{user.companyName}</span>
        <span className="spacer" />
        <span className="who">
          <span className="who-name">{user.name}</span>
          <span className="muted"> · {user.role}</span>
        </span>
        <button type="button" className="btn btn-small btn-quiet" onClick={() => void signOut("You signed out.")}>
          Sign out
        </button>
      </header>
      <nav className="sidenav" aria-label="Main">
        {GROUPS.map((g) => {
          const items = mine.filter((r) => r.nav === g);
          if (!items.length) return null;
          return (
            <div key={g} className="nav-group">
              <div className="nav-title">{g}</div>
              {items.map((r) => (
                <Link
                  key={r.path}
                  to={r.path}
                  className={current(r) ? "nav-item active" : "nav-item"}
                  aria-current={current(r) ? "page" : undefined}
                >
                  {r.title}
                </Link>
              ))}
            </div>
          );
        })}
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <IdleWarning />
    </div>
  );
}

/** Shown before the idle deadline: stay signed in (one GET /v1/session) or be signed out. */
function IdleWarning() {
  const { idleDeadline, stay, signOut, me } = useSession();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (!idleDeadline || !me) return null;
  const timeout = me.session.idleTimeoutSeconds * 1000;
  const warnFor = Math.min(60_000, timeout / 3);
  const left = idleDeadline - now;
  const open = left <= warnFor;
  const secs = Math.max(0, Math.ceil(left / 1000));
  return (
    <Dialog title="Still there?" open={open} onClose={() => undefined}>
      <p>
        For the security of patient information you will be signed out in{" "}
        <strong>
          {secs} second{secs === 1 ? "" : "s"}
        </strong>{" "}
        without activity.
      </p>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" autoFocus onClick={() => void stay().catch(() => undefined)}>
          Stay signed in
        </button>
        <button type="button" className="btn" onClick={() => void signOut("You signed out.")}>
          Sign out now
        </button>
      </div>
    </Dialog>
  );
}
