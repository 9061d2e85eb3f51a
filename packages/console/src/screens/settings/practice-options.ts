import { api, must } from "../../api/client";
import { useApi } from "../../ui/use-api";

/** The company's practices as select options (first page of 100). */
export function usePracticeOptions(withAll?: string) {
  const p = useApi(() => must(api.GET("/v1/practices", { params: { query: { limit: 100 } } })), []);
  const items = (p.data?.items ?? []).map((x) => ({ value: x.practiceId, label: x.legalName }));
  return withAll !== undefined
    ? [{ value: "", label: withAll }, ...items]
    : [{ value: "", label: "Choose a practice" }, ...items];
}
