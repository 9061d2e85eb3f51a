import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

/** A tiny history router: the console lives under /app (Vite `base`), paths below are the app's own. */
export const BASE = "/app";

const EVENT = "cl:navigate";
const subscribe = (cb: () => void) => {
  window.addEventListener("popstate", cb);
  window.addEventListener(EVENT, cb);
  return () => {
    window.removeEventListener("popstate", cb);
    window.removeEventListener(EVENT, cb);
  };
};
const snapshot = () => window.location.pathname + window.location.search;

/** The app path ("/month-close") of a full pathname ("/app/month-close"). */
export function appPath(pathname: string): string {
  const p = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  return p === "" ? "/" : p.length > 1 && p.endsWith("/") ? p.slice(0, -1) : p;
}

export function useLocation(): { path: string; query: URLSearchParams } {
  const loc = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(loc, window.location.origin);
  return { path: appPath(url.pathname), query: url.searchParams };
}

/** Go to an app path ("/reports?tab=aging"); `state` carries a notice for the next screen. */
export function navigate(to: string, opts: { replace?: boolean; state?: unknown } = {}) {
  const href = BASE + (to.startsWith("/") ? to : `/${to}`);
  if (opts.replace) window.history.replaceState(opts.state ?? null, "", href);
  else window.history.pushState(opts.state ?? null, "", href);
  window.dispatchEvent(new Event(EVENT));
}

/** The `state` the last navigate() left, e.g. a sign-in notice. */
export function historyState<T>(): T | undefined {
  return (window.history.state ?? undefined) as T | undefined;
}

/** `/claims/:claimId` against `/claims/clm_1` -> { claimId: "clm_1" }, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split("/").filter(Boolean);
  const b = path.split("/").filter(Boolean);
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const seg = a[i]!;
    if (seg.startsWith(":")) params[seg.slice(1)] = decodeURIComponent(b[i]!);
    else if (seg !== b[i]) return null;
  }
  return params;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: string };
/** An ordinary link (open in new tab works) that navigates in-app on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={BASE + to} onClick={click} {...rest} />;
}
