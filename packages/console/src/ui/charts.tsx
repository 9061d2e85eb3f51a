/**
 * Small SVG charts, drawn by React: no chart library, nothing loaded from elsewhere. Each chart has
 * a text alternative (the same figures are always in a table next to it).
 */
export interface Bar {
  label: string;
  value: number;
  tone?: "a" | "b" | "c" | "bad";
}

export function BarChart({
  bars,
  format,
  title,
  height = 180,
}: {
  bars: Bar[];
  format: (v: number) => string;
  title: string;
  height?: number;
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const w = 100 / Math.max(1, bars.length);
  const plot = height - 36;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 400 ${height}`}
        role="img"
        aria-label={`${title}: ${bars.map((b) => `${b.label} ${format(b.value)}`).join(", ")}`}
      >
        <line x1="0" x2="400" y1={plot + 4} y2={plot + 4} className="axis" />
        {bars.map((b, i) => {
          const h = Math.max(b.value > 0 ? 2 : 0, (b.value / max) * (plot - 16));
          const x = (i * w + w * 0.15) * 4;
          const bw = w * 0.7 * 4;
          return (
            <g key={b.label}>
              <rect x={x} y={plot + 4 - h} width={bw} height={h} className={`bar bar-${b.tone ?? "a"}`} rx="2" />
              <text x={x + bw / 2} y={plot - h - 2} textAnchor="middle" className="chart-value">
                {format(b.value)}
              </text>
              <text x={x + bw / 2} y={height - 12} textAnchor="middle" className="chart-label">
                {b.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

export interface Series {
  name: string;
  points: number[];
  tone: "a" | "b" | "c";
}

export function LineChart({
  labels,
  series,
  format,
  title,
  height = 180,
}: {
  labels: string[];
  series: Series[];
  format: (v: number) => string;
  title: string;
  height?: number;
}) {
  const all = series.flatMap((s) => s.points);
  const max = Math.max(1, ...all);
  const left = 56;
  const right = 374;
  const top = 12;
  const bottom = height - 28;
  const x = (i: number) =>
    labels.length <= 1 ? (left + right) / 2 : left + (i * (right - left)) / (labels.length - 1);
  const y = (v: number) => bottom - (v / max) * (bottom - top);
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 400 ${height}`}
        role="img"
        aria-label={`${title}: ${series.map((s) => `${s.name} ${s.points.map(format).join(", ")}`).join("; ")}`}
      >
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={left} x2={right} y1={y(max * f)} y2={y(max * f)} className="gridline" />
            <text x={left - 6} y={y(max * f) + 4} textAnchor="end" className="chart-label">
              {format(max * f)}
            </text>
          </g>
        ))}
        {series.map((s) => (
          <g key={s.name}>
            <polyline points={s.points.map((v, i) => `${x(i)},${y(v)}`).join(" ")} className={`line line-${s.tone}`} />
            {s.points.map((v, i) => (
              <circle key={i} cx={x(i)} cy={y(v)} r="3" className={`dot line-${s.tone}`} />
            ))}
          </g>
        ))}
        {labels.map((l, i) => (
          <text key={l} x={x(i)} y={height - 10} textAnchor="middle" className="chart-label">
            {l}
          </text>
        ))}
      </svg>
      <figcaption>
        {title}
        <span className="legend">
          {series.map((s) => (
            <span key={s.name}>
              <i className={`swatch line-${s.tone}`} aria-hidden="true" /> {s.name}
            </span>
          ))}
        </span>
      </figcaption>
    </figure>
  );
}

/** A tone for a stacked segment or a series beyond the three of the line chart. */
export type Tone = "a" | "b" | "c" | "d" | "e" | "f" | "bad";
export const TONES: Tone[] = ["a", "b", "c", "d", "e", "f"];

export interface Stack {
  label: string;
  /** One value per series, in the order of `series`. */
  values: number[];
}

/**
 * Bars made of segments, one per series (payers in a month, statuses of a payer's money). With
 * `share` every bar is drawn to 100% and each segment is its part of the bar; the value over a bar
 * is then its total (`format`), and a tall enough segment shows its share.
 */
export function StackedBarChart({
  stacks,
  series,
  format,
  title,
  share = false,
  height = 200,
}: {
  stacks: Stack[];
  series: { name: string; tone: Tone }[];
  format: (v: number) => string;
  title: string;
  share?: boolean;
  height?: number;
}) {
  const totals = stacks.map((s) => s.values.reduce((t, v) => t + Math.max(0, v), 0));
  const max = Math.max(1, ...totals);
  const plot = height - 36;
  const top = 16;
  const w = 100 / Math.max(1, stacks.length);
  const bw = Math.min(w * 0.6 * 4, 72);
  const percent = (v: number, t: number) => `${((v / t) * 100).toFixed(1)}%`;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 400 ${height}`}
        role="img"
        aria-label={`${title}: ${stacks
          .map(
            (s, i) =>
              `${s.label} ${format(totals[i]!)} (${s.values
                .map((v, j) => (v > 0 ? `${series[j]?.name} ${share ? percent(v, totals[i]!) : format(v)}` : ""))
                .filter(Boolean)
                .join(", ")})`,
          )
          .join("; ")}`}
      >
        <line x1="0" x2="400" y1={plot + 4} y2={plot + 4} className="axis" />
        {stacks.map((s, i) => {
          const total = totals[i]!;
          const full = share ? (total > 0 ? plot - top : 0) : (total / max) * (plot - top);
          const x = (i * w + w / 2) * 4 - bw / 2;
          let y = plot + 4;
          return (
            <g key={s.label}>
              {s.values.map((v, j) => {
                if (v <= 0 || total <= 0) return null;
                const h = Math.max(1, (v / total) * full);
                y -= h;
                return (
                  <g key={j}>
                    <rect x={x} y={y} width={bw} height={h} className={`bar bar-${series[j]?.tone ?? "a"}`}>
                      <title>{`${series[j]?.name}: ${format(v)} (${percent(v, total)})`}</title>
                    </rect>
                    {share && h >= 14 ? (
                      <text x={x + bw / 2} y={y + h / 2 + 3.5} textAnchor="middle" className="chart-inside">
                        {percent(v, total)}
                      </text>
                    ) : null}
                  </g>
                );
              })}
              <text x={x + bw / 2} y={plot + 4 - full - 4} textAnchor="middle" className="chart-value">
                {format(total)}
              </text>
              <text x={x + bw / 2} y={height - 12} textAnchor="middle" className="chart-label">
                {s.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {title}
        <span className="legend">
          {series.map((s) => (
            <span key={s.name}>
              <i className={`swatch line-${s.tone}`} aria-hidden="true" /> {s.name}
            </span>
          ))}
        </span>
      </figcaption>
    </figure>
  );
}
