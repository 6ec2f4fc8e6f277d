import type { ChangelogView } from '../changelog/index.js';
import type { Ladder } from '../model/ladder.js';
import type { HistoryReply } from './release-history.js';
import { changesPageName, renderChangesPage } from '../render/html/changes-page.js';
import { renderLadderPage, type SiteInfo, type Theme } from '../render/html/index.js';

/**
 * A release's ladder pages (each with its page of changes), shareable between two threads. Whichever
 * thread is free takes the next ladder from a counter both see (a SharedArrayBuffer), so the history
 * worker, idle once the changelog is read, renders pages while the main thread lays out the PDFs, and
 * the main thread takes the ones left when it is done. A page is the same whichever thread renders it.
 */
export interface PagesJob {
  ladders: Ladder[];
  /** The site as every page sees it, except `changes` (whether there is a history view) and `page`. */
  site: SiteInfo;
  theme: Theme;
  /** One Int32: the index of the next ladder to take. */
  claims: SharedArrayBuffer;
}

export function pagesJob(ladders: Ladder[], site: SiteInfo, theme: Theme): PagesJob {
  return { ladders, site, theme, claims: new SharedArrayBuffer(4) };
}

/**
 * Renders the pages of the ladders this thread claims, one ladder at a time, until none is left;
 * `put` gets each file's name (relative to the release) and HTML. Returns how many ladders it took.
 */
export function claimPages(job: PagesJob, view: ChangelogView | undefined, put: (name: string, html: string) => void): number {
  const claims = new Int32Array(job.claims);
  const site: SiteInfo = { ...job.site, changes: view !== undefined };
  let taken = 0;
  for (let i = Atomics.add(claims, 0, 1); i < job.ladders.length; i = Atomics.add(claims, 0, 1)) {
    const l = job.ladders[i]!;
    put(`${l.id}.html`, renderLadderPage(l, { ...site, page: `${l.id}.html` }, job.theme));
    if (view) put(changesPageName(l.id), renderChangesPage(l, view, { ...site, page: changesPageName(l.id) }, job.theme));
    taken++;
  }
  return taken;
}

/**
 * The worker's side of PagesJob, after its history answer: takes ladders from the shared counter
 * until none is left, each file's bytes transferred to the build's thread.
 */
export function renderPagesHere(job: PagesJob, view: ChangelogView | undefined, post: (reply: HistoryReply, transfer?: ArrayBuffer[]) => void): void {
  const encoder = new TextEncoder();
  let taken: number;
  try {
    taken = claimPages(job, view, (page, html) => {
      const bytes = encoder.encode(html);
      post({ page, bytes }, [bytes.buffer as ArrayBuffer]);
    });
  } catch (err) {
    post({ pagesError: (err as Error)?.message ?? String(err) });
    return;
  }
  post({ pagesDone: taken });
}
