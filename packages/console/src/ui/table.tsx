import { useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from "react";
import { Empty } from "./states";

export interface Column<T> {
  key: string;
  header: string;
  /** What the cell shows. */
  render: (row: T) => ReactNode;
  /** A sortable value (numbers compare as numbers); a column without one does not sort. */
  sortValue?: (row: T) => string | number | null | undefined;
  /** Text the filter box matches; defaults to sortValue. */
  filterValue?: (row: T) => string;
  align?: "left" | "right";
  width?: string;
}

interface Props<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Enter on the active row, or a click on it. */
  onOpen?: (row: T) => void;
  /** Accessible name of the table. */
  caption: string;
  pageSize?: number;
  /** Show a filter box over the table. */
  filter?: boolean;
  empty?: ReactNode;
  /** j/k/Enter work anywhere on the screen (not only when the table has focus): for the one work table of a screen. */
  globalKeys?: boolean;
  initialSort?: { key: string; dir: "asc" | "desc" };
  /** Server paging: more rows to ask for. */
  onMore?: () => void;
  moreBusy?: boolean;
  /** The row shown open beside or below the table: the active row follows it. */
  activeKey?: string;
  /** A class for a row that needs to stand out (e.g. "row-flagged"). */
  rowClass?: (row: T) => string | undefined;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

/**
 * The dense list billers work in: sort by a column header, filter, page; j/k move the active row,
 * Enter opens it, / focuses the filter. Sorting and filtering apply to the rows given (a page the
 * API returned); `onMore` asks the API for the next page.
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  onOpen,
  caption,
  pageSize = 50,
  filter = true,
  empty,
  globalKeys = false,
  initialSort,
  onMore,
  moreBusy,
  activeKey,
  rowClass,
}: Props<T>) {
  const [sort, setSort] = useState(initialSort);
  const [q, setQ] = useState("");
  const [page, setPage] = useState(0);
  const [active, setActive] = useState(0);
  const wrap = useRef<HTMLDivElement>(null);
  const filterBox = useRef<HTMLInputElement>(null);

  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    let out = rows;
    if (needle)
      out = rows.filter((r) =>
        columns.some((c) => {
          const v = c.filterValue?.(r) ?? c.sortValue?.(r);
          return v !== undefined && v !== null && String(v).toLowerCase().includes(needle);
        }),
      );
    const col = sort && columns.find((c) => c.key === sort.key);
    if (col?.sortValue) {
      const get = col.sortValue;
      const dir = sort?.dir === "desc" ? -1 : 1;
      out = [...out].sort((a, b) => {
        const x = get(a);
        const y = get(b);
        if (x === y) return 0;
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * dir;
      });
    }
    return out;
  }, [rows, q, sort, columns]);

  const pages = Math.max(1, Math.ceil(shown.length / pageSize));
  const current = Math.min(page, pages - 1);
  const visible = shown.slice(current * pageSize, current * pageSize + pageSize);
  const activeIndex = Math.min(active, Math.max(0, visible.length - 1));

  useEffect(() => setPage(0), [q, sort]);
  useEffect(() => {
    if (activeKey === undefined) return;
    const at = shown.findIndex((r) => rowKey(r) === activeKey);
    if (at < 0) return;
    setPage(Math.floor(at / pageSize));
    setActive(at % pageSize);
    // When the open row (or the rows) change: moving with j/k in between is the user's.
  }, [activeKey, shown]);

  const onKey = (e: KeyboardEvent | ReactKeyboardEvent) => {
    if (typing(e.target) && e.key !== "Escape") return;
    if (e.key === "j" || e.key === "ArrowDown") {
      e.preventDefault();
      if (activeIndex < visible.length - 1) setActive(activeIndex + 1);
      else if (current < pages - 1) {
        setPage(current + 1);
        setActive(0);
      }
    } else if (e.key === "k" || e.key === "ArrowUp") {
      e.preventDefault();
      if (activeIndex > 0) setActive(activeIndex - 1);
      else if (current > 0) {
        setPage(current - 1);
        setActive(pageSize - 1);
      }
    } else if (e.key === "Enter" && onOpen && visible[activeIndex]) {
      e.preventDefault();
      onOpen(visible[activeIndex]);
    } else if (e.key === "/" && filter) {
      e.preventDefault();
      filterBox.current?.focus();
    }
  };
  const keyRef = useRef(onKey);
  keyRef.current = onKey;
  useEffect(() => {
    if (!globalKeys) return;
    const h = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return;
      if (wrap.current?.contains(e.target as Node)) return; // the table's own handler has it
      keyRef.current(e);
    };
    window.addEventListener("keydown", h);
    return () => window.removeEventListener("keydown", h);
  }, [globalKeys]);

  useEffect(() => {
    wrap.current?.querySelector<HTMLElement>("tr.active")?.scrollIntoView({ block: "nearest" });
  }, [activeIndex, current]);

  const toggle = (key: string) =>
    setSort((s) => (s?.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" }));

  return (
    <div className="table-wrap" ref={wrap} onKeyDown={onKey}>
      {filter ? (
        <div className="table-tools">
          <label className="visually-hidden" htmlFor={`${caption}-filter`}>
            Filter {caption}
          </label>
          <input
            id={`${caption}-filter`}
            ref={filterBox}
            className="table-filter"
            type="search"
            placeholder="Filter…  ( / )"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                setQ("");
                (e.target as HTMLInputElement).blur();
              }
            }}
          />
          <span className="muted table-count">
            {shown.length === rows.length
              ? plural(rows.length, "row")
              : `${shown.length} of ${plural(rows.length, "row")}`}
          </span>
        </div>
      ) : null}
      {rows.length === 0 ? (
        (empty ?? <Empty title="Nothing here yet" />)
      ) : (
        <div className="table-scroll" tabIndex={0} aria-label={`${caption}: j and k move, Enter opens`}>
          <table className="table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                {columns.map((c) => {
                  const dir = sort?.key === c.key ? sort.dir : undefined;
                  return (
                    <th
                      key={c.key}
                      scope="col"
                      style={c.width ? { width: c.width } : undefined}
                      className={c.align === "right" ? "num" : undefined}
                      aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : undefined}
                    >
                      {c.sortValue ? (
                        <button type="button" className="th-sort" onClick={() => toggle(c.key)}>
                          {c.header}
                          <span aria-hidden="true" className="sort-mark">
                            {dir === "asc" ? "▲" : dir === "desc" ? "▼" : ""}
                          </span>
                        </button>
                      ) : (
                        c.header
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {visible.map((r, i) => (
                <tr
                  key={rowKey(r)}
                  className={
                    [onOpen ? `clickable${i === activeIndex ? " active" : ""}` : "", rowClass?.(r) ?? ""]
                      .filter(Boolean)
                      .join(" ") || undefined
                  }
                  aria-selected={onOpen ? i === activeIndex : undefined}
                  onClick={() => {
                    setActive(i);
                    onOpen?.(r);
                  }}
                >
                  {columns.map((c) => (
                    <td key={c.key} className={c.align === "right" ? "num" : undefined}>
                      {c.render(r)}
                    </td>
                  ))}
                </tr>
              ))}
              {visible.length === 0 ? (
                <tr>
                  <td colSpan={columns.length} className="muted">
                    No rows match “{q}”.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 || onMore ? (
        <div className="table-pager">
          {pages > 1 ? (
            <>
              <button
                type="button"
                className="btn btn-small"
                disabled={current === 0}
                onClick={() => setPage(current - 1)}
              >
                Previous
              </button>
              <span>
                Page {current + 1} of {pages}
              </span>
              <button
                type="button"
                className="btn btn-small"
                disabled={current >= pages - 1}
                onClick={() => setPage(current + 1)}
              >
                Next
              </button>
            </>
          ) : null}
          {onMore ? (
            <button type="button" className="btn btn-small" disabled={moreBusy} onClick={onMore}>
              {moreBusy ? "Loading…" : "Load more"}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
