import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { onSessionSignal } from "./api/client";
import { sessionApi, type Me } from "./api/session-api";
import { navigate, useLocation } from "./router";

/**
 * The signed-in user and the automatic log-off (HIPAA): the session's idle deadline moves with
 * every request the API accepts; shortly before it a warning offers "Stay signed in" (GET
 * /v1/session, which counts as activity); at the deadline the console signs out and says why.
 * Any 401 from the API means the server ended the session: back to sign-in.
 */
export interface SessionCtx {
  me: Me | null;
  status: "loading" | "signed-in" | "signed-out";
  /** Epoch ms when the session expires for inactivity, as far as the console knows. */
  idleDeadline: number | null;
  signedIn(me: Me): void;
  signOut(notice?: string): Promise<void>;
  stay(): Promise<void>;
}

const Ctx = createContext<SessionCtx | null>(null);
export const useSession = (): SessionCtx => {
  const c = useContext(Ctx);
  if (!c) throw new Error("useSession outside <SessionProvider>");
  return c;
};
/** The signed-in user (screens behind the sign-in only). */
export const useUser = () => {
  const me = useSession().me;
  if (!me) throw new Error("no signed-in user");
  return me.user;
};

/** Sign the browser's clock a second ahead of the server's, so a screen never outlives its session. */
const MARGIN_MS = 1000;
/** How often the API writes a session's last activity (session.service.ts). */
const SEEN_WRITE_MS = 30_000;
export const SIGNED_OUT_IDLE = "You were signed out because the session was idle. Sign in again to continue.";
export const SIGNED_OUT_ENDED = "Your session has ended. Sign in again to continue.";

export interface SignInState {
  notice?: string;
  next?: string;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<SessionCtx["status"]>("loading");
  const [idleDeadline, setIdleDeadline] = useState<number | null>(null);
  const timeout = useRef(0);
  const { path } = useLocation();
  const pathRef = useRef(path);
  pathRef.current = path;

  // The server's record of the last activity (lastSeenAt), as the console models it: the API
  // moves it on a request at most every 30 s, so a request sooner than that does not extend.
  const seen = useRef(0);
  const deadline = () => setIdleDeadline(seen.current + timeout.current * 1000 - MARGIN_MS);
  const bump = useCallback(() => {
    if (!timeout.current) return;
    const now = Date.now();
    if (now - seen.current > SEEN_WRITE_MS) {
      seen.current = now;
      deadline();
    }
  }, []);

  const signedIn = useCallback((m: Me) => {
    timeout.current = m.session.idleTimeoutSeconds;
    // The server's clock, clamped to what it can be, so a skewed browser clock errs by 30 s at most.
    const now = Date.now();
    const last = Date.parse(m.session.idleExpiresAt) - m.session.idleTimeoutSeconds * 1000;
    seen.current = Math.min(now, Math.max(now - SEEN_WRITE_MS, Number.isFinite(last) ? last : now));
    setMe(m);
    setStatus("signed-in");
    deadline();
  }, []);

  const toSignIn = useCallback((notice?: string) => {
    timeout.current = 0;
    setMe(null);
    setIdleDeadline(null);
    setStatus("signed-out");
    const next = pathRef.current;
    const state: SignInState = { notice, next: next === "/sign-in" ? undefined : next };
    navigate("/sign-in", { replace: true, state });
  }, []);

  const signOut = useCallback(
    async (notice?: string) => {
      await sessionApi.signOut().catch(() => undefined);
      toSignIn(notice);
    },
    [toSignIn],
  );

  const stay = useCallback(async () => {
    seen.current = 0; // GET /v1/session answers with the idle deadline it just moved
    signedIn(await sessionApi.current());
  }, [signedIn]);

  // Who is signed in, on load.
  useEffect(() => {
    sessionApi.current().then(signedIn, () => {
      setStatus("signed-out");
    });
  }, [signedIn]);

  // A 401 anywhere ends the session; an accepted request moves the idle deadline.
  useEffect(
    () =>
      onSessionSignal((s) => {
        if (s.kind === "unauthorized") {
          if (timeout.current) toSignIn(SIGNED_OUT_ENDED);
        } else bump();
      }),
    [bump, toSignIn],
  );

  // Automatic log-off at the idle deadline.
  useEffect(() => {
    if (idleDeadline === null) return;
    const t = setTimeout(() => void signOut(SIGNED_OUT_IDLE), Math.max(0, idleDeadline - Date.now()));
    return () => clearTimeout(t);
  }, [idleDeadline, signOut]);

  const value = useMemo(
    () => ({ me, status, idleDeadline, signedIn, signOut, stay }),
    [me, status, idleDeadline, signedIn, signOut, stay],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
