/** Pure formatting of benchmark results: Markdown tables and the README section between markers. */
import { pairedRatio, type Summary } from './measure.js';

export const START_MARKER = '<!-- bench:start -->';
export const END_MARKER = '<!-- bench:end -->';

export interface Measured {
  name: string;
  /** What was run, shown in the table. */
  command: string;
  /** Undefined when the program is missing. */
  summary?: Summary;
  /** Why it was not measured. */
  missing?: string;
  /** "per ladder" and the like. */
  unit?: string;
}

/** `missing` of a case left out with --only: not run, rather than not installed. */
export const NOT_SELECTED = 'not selected (--only)';

const absent = (m: Measured) => (m.missing === NOT_SELECTED ? 'not run' : '**missing**');

export interface Comparison {
  stage: string;
  ours: Measured;
  /** The baseline, or undefined for an absolute target (cold start). */
  baseline?: Measured;
  /** Highest ratio (or ms, for absolute targets) that meets the target; undefined: informational. */
  target?: number;
  absoluteMs?: boolean;
}

export interface GrowthRow {
  stage: string;
  small?: Summary;
  large?: Summary;
}

export function seconds(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return 'n/a';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function mib(kib: number | undefined): string {
  return kib === undefined ? 'n/a' : `${Math.round(kib / 1024)} MiB`;
}

const ratio = (x: number) => (x >= 10 ? x.toFixed(0) : x >= 0.1 ? x.toFixed(2) : x.toFixed(3));

export function measuredTable(rows: readonly Measured[]): string {
  const lines = ['| baseline | command | median wall | median CPU | peak RSS |', '|---|---|---:|---:|---:|'];
  for (const r of rows) {
    const unit = r.unit ? ` ${r.unit}` : '';
    if (!r.summary) lines.push(`| ${r.name} | ${r.command} | ${absent(r)}: ${r.missing ?? 'not found'} | | |`);
    else lines.push(`| ${r.name} | ${r.command} | ${seconds(r.summary.wallMs)}${unit} | ${seconds(r.summary.cpuMs)}${unit} | ${mib(r.summary.rssKiB)} |`);
  }
  return lines.join('\n');
}

export type Verdict = 'met' | 'missed' | 'not measured' | '—';

export function verdict(c: Comparison): { ratio?: number; cpuRatio?: number; verdict: Verdict } {
  const ours = c.ours.summary;
  if (!ours) return { verdict: 'not measured' };
  if (c.absoluteMs) return { verdict: c.target === undefined ? '—' : ours.wallMs <= c.target ? 'met' : 'missed' };
  const base = c.baseline?.summary;
  if (!base) return { verdict: 'not measured' };
  const r = pairedRatio(ours, base, 'wallMs')!;
  // Under 10 ms, /usr/bin/time rounds CPU to zero: no ratio then.
  const cpu = ours.cpuMs !== undefined && base.cpuMs ? pairedRatio(ours, base, 'cpuMs') : undefined;
  return { ratio: r, ...(cpu !== undefined ? { cpuRatio: cpu } : {}), verdict: c.target === undefined ? '—' : r <= c.target ? 'met' : 'missed' };
}

export function comparisonTable(rows: readonly Comparison[]): string {
  const lines = [
    '| stage | command | median wall | median CPU | peak RSS | baseline | ratio (wall) | ratio (CPU) | target | |',
    '|---|---|---:|---:|---:|---|---:|---:|---:|---|',
  ];
  for (const c of rows) {
    const v = verdict(c);
    const s = c.ours.summary;
    const unit = c.ours.unit ? ` ${c.ours.unit}` : '';
    const base = c.absoluteMs ? '—' : c.baseline ? (c.baseline.summary ? c.baseline.name : `${c.baseline.name} (${absent(c.baseline)})`) : '—';
    const target = c.target === undefined ? '—' : c.absoluteMs ? `≤ ${c.target} ms` : `≤ ${c.target}×`;
    lines.push(
      `| ${c.stage} | ${c.ours.command} | ${s ? seconds(s.wallMs) + unit : c.ours.missing === NOT_SELECTED ? 'not run' : `**${c.ours.missing ?? 'failed'}**`} | ${seconds(s?.cpuMs)}${s?.cpuMs !== undefined ? unit : ''} | ${mib(s?.rssKiB)} | ${base} | ${
        v.ratio === undefined ? '—' : `${ratio(v.ratio)}×`
      } | ${v.cpuRatio === undefined ? '—' : `${ratio(v.cpuRatio)}×`} | ${target} | ${v.verdict === 'met' ? '✅ met' : v.verdict === 'missed' ? '❌ missed' : v.verdict} |`,
    );
  }
  return lines.join('\n');
}

/** Growth is judged on CPU time when known: the large run is one sample, taken at another moment than the small one's median. */
export function growth(r: GrowthRow): { wall?: number; cpu?: number } {
  if (!r.small || !r.large) return {};
  return {
    wall: r.large.wallMs / r.small.wallMs,
    ...(r.small.cpuMs && r.large.cpuMs ? { cpu: r.large.cpuMs / r.small.cpuMs } : {}),
  };
}

export function growthTable(rows: readonly GrowthRow[], factor: number, target: number): string {
  const lines = [
    `| stage | 1× wall | ${factor}× wall | 1× CPU | ${factor}× CPU | ${factor}× peak RSS | growth (wall) | growth (CPU) | target | |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    const g = growth(r);
    const judged = g.cpu ?? g.wall;
    const v = judged === undefined ? 'not measured' : judged <= target ? '✅ met' : '❌ missed';
    lines.push(
      `| ${r.stage} | ${seconds(r.small?.wallMs)} | ${seconds(r.large?.wallMs)} | ${seconds(r.small?.cpuMs)} | ${seconds(r.large?.cpuMs)} | ${mib(r.large?.rssKiB)} | ${
        g.wall === undefined ? '—' : `${g.wall.toFixed(1)}×`
      } | ${g.cpu === undefined ? '—' : `${g.cpu.toFixed(1)}×`} | ≤ ${target}× | ${v} |`,
    );
  }
  return lines.join('\n');
}

/**
 * The README with the section between the markers replaced. Throws when the markers are absent or
 * out of order: the bench never guesses where a table belongs.
 */
export function replaceSection(readme: string, section: string): string {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < 0 || end < start) {
    throw new Error(`README.md has no "${START_MARKER}" … "${END_MARKER}" section to replace`);
  }
  return `${readme.slice(0, start + START_MARKER.length)}\n${section.trim()}\n${readme.slice(end)}`;
}
