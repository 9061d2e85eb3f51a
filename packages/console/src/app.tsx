import { Suspense, lazy, useEffect, type ComponentType, type LazyExoticComponent } from "react";
import { homeOf, routes, type ScreenProps, type ScreenRoute } from "./routes";
import { match, navigate, useLocation } from "./router";
import { useSession } from "./session";
import { Shell } from "./shell";
import { Page } from "./ui/page";
import { Empty, Loading } from "./ui/states";

const screens = new Map<ScreenRoute, LazyExoticComponent<ComponentType<ScreenProps>>>();
const screenOf = (r: ScreenRoute) => {
  if (!screens.has(r)) screens.set(r, lazy(r.load));
  return screens.get(r)!;
};

function resolve(path: string): { route: ScreenRoute; params: Record<string, string> } | undefined {
  for (const route of routes) {
    const params = match(route.path, path);
    if (params) return { route, params };
  }
  return undefined;
}

function Redirect({ to, state }: { to: string; state?: unknown }) {
  useEffect(() => navigate(to, { replace: true, state }), [to, state]);
  return <Loading />;
}

export function App() {
  const { path, query } = useLocation();
  const { status, me } = useSession();
  const hit = resolve(path);

  if (status === "loading") return <Loading what="Starting" />;
  if (!hit) {
    return (
      <Shell>
        <Page title="Not found">
          <Empty title="There is no such page">Check the address, or use the navigation.</Empty>
        </Page>
      </Shell>
    );
  }
  const { route, params } = hit;
  if (!route.public && !me) return <Redirect to="/sign-in" state={{ next: path + (query.size ? `?${query}` : "") }} />;
  if (route.path === "/sign-in" && me) return <Redirect to={homeOf(me.user.role)} />;
  if (me && route.roles && !route.roles.includes(me.user.role)) {
    // A practice user landing on the company's home goes to the portal; anything else says so.
    if (route.path === "/") return <Redirect to={homeOf(me.user.role)} />;
    return (
      <Shell>
        <Page title="Not available">
          <Empty title="This page is not available to your role">Ask an owner of your company if you need it.</Empty>
        </Page>
      </Shell>
    );
  }
  const Screen = screenOf(route);
  const body = (
    <Suspense fallback={<Loading />}>
      <Screen key={route.path} params={params} query={query} />
    </Suspense>
  );
  return route.public ? <div className="public">{body}</div> : <Shell>{body}</Shell>;
}
