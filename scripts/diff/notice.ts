/**
 * The notice period: a change of an impact with `noticeDays` may take effect no sooner than that many
 * days after today, and the ladder's head frontmatter says when it takes effect (`effective`). Pure:
 * today is given, never read from the clock here.
 */
import type { Impact } from './kinds.js';
import type { Change, DiffResult } from './types.js';

export type NoticeDays = Partial<Record<Impact, number>>;

export interface NoticeViolation {
  ladder: string;
  file?: string;
  /** The head's `effective` date, if any. */
  effective?: string;
  /** today + the longest notice the ladder's changes need (YYYY-MM-DD). */
  earliest: string;
  /** The longest notice the changes need, and the impact that needs it. */
  days: number;
  impact: Impact;
  /** The changes that need notice, in diff order. */
  changes: Change[];
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` plus `days` calendar days (UTC, so no daylight-saving hour moves the day). */
export function addDays(day: string, days: number): string {
  const m = DAY.exec(day);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${day}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days)).toISOString().slice(0, 10);
}

/** Whether `day` is a real calendar day written YYYY-MM-DD. */
export function isDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day;
}

/**
 * Each ladder whose changes need notice and whose head does not take effect late enough. A removed
 * ladder has no head to carry a date and is not checked (the release tag's message can announce it).
 */
export function noticeViolations(result: DiffResult, noticeDays: NoticeDays, today: string): NoticeViolation[] {
  const out: NoticeViolation[] = [];
  for (const l of result.ladders) {
    if (l.status === 'removed') continue;
    const needing = l.changes.filter((c) => (noticeDays[c.impact] ?? 0) > 0);
    if (needing.length === 0) continue;
    let days = 0;
    let impact = needing[0]!.impact;
    for (const c of needing) {
      const d = noticeDays[c.impact]!;
      if (d > days) [days, impact] = [d, c.impact];
    }
    const earliest = addDays(today, days);
    // Both are YYYY-MM-DD: text order is date order.
    if (l.effective !== undefined && l.effective >= earliest) continue;
    out.push({ ladder: l.id, ...(l.file ? { file: l.file } : {}), ...(l.effective ? { effective: l.effective } : {}), earliest, days, impact, changes: needing });
  }
  return out;
}

/** "devrel · L3 · Collaboration: expectation-added (raises-bar)": which change, where, and why it needs notice. */
export function changeLine(ladder: string, c: Change): string {
  const where = [ladder, ...(c.track ? [c.track] : []), ...(c.level ? [c.level] : []), ...(c.category ? [c.category] : [])].join(' · ');
  return `${where}: ${c.kind} (${c.impact})`;
}
