import { useCallback, useEffect, useState } from "react";
import { api, must } from "../../api/client";
import type { ScreenProps } from "../../routes";
import { Link, navigate } from "../../router";
import { SelectField } from "../../ui/fields";
import { Page, Tabs } from "../../ui/page";
import { ErrorBanner } from "../../ui/states";
import { Denials } from "./Denials";
import { Review } from "./Review";
import { Rejections } from "./Rejections";
import { Suspense } from "./Suspense";
import { useDirectory } from "../claim/parts";

export type QueueKey = "review" | "rejections" | "denials" | "suspense";
const TABS: { key: QueueKey; label: string }[] = [
  { key: "review", label: "Needs review" },
  { key: "rejections", label: "Rejections" },
  { key: "denials", label: "Denials" },
  { key: "suspense", label: "Suspense" },
];

export interface QueueFilter {
  practiceId: string;
  payerId: string;
  minAgeDays: string;
}

/** Reads a claims queue by status, page by page (the API's cursor), with the filters the API takes. */
export function useClaimQueue(status: "needs_review" | "rejected", f: QueueFilter) {
  const [items, setItems] = useState<Awaited<ReturnType<typeof fetchPage>>["items"]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const fetchPage = useCallback(
    (c?: string) =>
      must(
        api.GET("/v1/claims", {
          params: {
            query: {
              status,
              limit: 100,
              cursor: c,
              practiceId: f.practiceId || undefined,
              payerId: f.payerId || undefined,
              minAgeDays: f.minAgeDays ? Number(f.minAgeDays) : undefined,
            },
          },
        }),
      ),
    [status, f.practiceId, f.payerId, f.minAgeDays],
  );
  const load = useCallback(
    async (c?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await fetchPage(c);
        setItems((old) => (c ? [...old, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [fetchPage],
  );
  useEffect(() => {
    void load();
  }, [load]);
  return {
    items,
    setItems,
    loading,
    error,
    more: cursor ? () => void load(cursor) : undefined,
    reload: () => void load(),
  };
}

/** The biller's work queues: one tab each, filtered by practice, payer and age, worked from the keyboard. */
export default function Queues({ params, query }: ScreenProps) {
  const queue = (TABS.find((t) => t.key === params.queue)?.key ?? "review") as QueueKey;
  const dir = useDirectory();
  const [f, setF] = useState<QueueFilter>({
    practiceId: query.get("practiceId") ?? "",
    payerId: query.get("payerId") ?? "",
    minAgeDays: query.get("minAgeDays") ?? "",
  });
  const set = (k: keyof QueueFilter) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const byClaim = queue === "review" || queue === "rejections";
  return (
    <Page title={TABS.find((t) => t.key === queue)!.label} actions={<Link to="/send">Ready to send →</Link>}>
      <Tabs tabs={TABS} active={queue} onChange={(k) => navigate(`/queues/${k}`)} />
      <div className="queue-filters row">
        {queue !== "suspense" ? (
          <SelectField
            label="Practice"
            name="practiceId"
            value={f.practiceId}
            onChange={set("practiceId")}
            options={[
              { value: "", label: "All practices" },
              ...[...dir.practices].map(([value, label]) => ({ value, label })),
            ]}
          />
        ) : null}
        {byClaim ? (
          <>
            <SelectField
              label="Payer"
              name="payerId"
              value={f.payerId}
              onChange={set("payerId")}
              options={[
                { value: "", label: "All payers" },
                ...[...dir.payers].map(([value, label]) => ({ value, label })),
              ]}
            />
            <SelectField
              label="Age (date of service)"
              name="minAgeDays"
              value={f.minAgeDays}
              onChange={set("minAgeDays")}
              options={[
                { value: "", label: "Any age" },
                { value: "30", label: "Over 30 days" },
                { value: "60", label: "Over 60 days" },
                { value: "90", label: "Over 90 days" },
                { value: "120", label: "Over 120 days" },
              ]}
            />
          </>
        ) : null}
        <Shortcuts queue={queue} />
      </div>
      {f.practiceId && !dir.practices.has(f.practiceId) && dir.practices.size ? (
        <ErrorBanner error={new Error("That practice is not one of this company's.")} />
      ) : null}
      {queue === "review" ? <Review key={JSON.stringify(f)} filter={f} dir={dir} /> : null}
      {queue === "rejections" ? <Rejections key={JSON.stringify(f)} filter={f} dir={dir} /> : null}
      {queue === "denials" ? <Denials key={f.practiceId} practiceId={f.practiceId} dir={dir} /> : null}
      {queue === "suspense" ? <Suspense /> : null}
    </Page>
  );
}

function Shortcuts({ queue }: { queue: QueueKey }) {
  return (
    <dl className="shortcuts" aria-label="Keyboard shortcuts">
      <div>
        <dt>
          <kbd>j</kbd>/<kbd>k</kbd>
        </dt>
        <dd>next / previous</dd>
      </div>
      {queue !== "suspense" ? (
        <div>
          <dt>
            <kbd>Enter</kbd>
          </dt>
          <dd>{queue === "rejections" ? "open claim" : "work it"}</dd>
        </div>
      ) : null}
      <div>
        <dt>
          <kbd>/</kbd>
        </dt>
        <dd>filter</dd>
      </div>
      {queue === "review" ? (
        <div>
          <dt>
            <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
          </dt>
          <dd>save fix</dd>
        </div>
      ) : null}
      {queue === "review" || queue === "denials" ? (
        <div>
          <dt>
            <kbd>Esc</kbd>
          </dt>
          <dd>back to list</dd>
        </div>
      ) : null}
    </dl>
  );
}
