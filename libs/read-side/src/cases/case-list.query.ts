import { CaseKind, CaseStatus } from '@app/domain';
import { CasesState, CaseSummary } from './cases.projection';

/** Where an open case stands: waiting for a meeting of a forum, on one, or decided everywhere it went. */
export type CaseStage = 'waiting' | 'scheduled' | 'decided' | 'withdrawn' | 'closed';
export const CASE_STAGES: readonly CaseStage[] = ['waiting', 'scheduled', 'decided', 'withdrawn', 'closed'];

export interface CaseListFilter {
  /** Words looked for, ignoring case, in the title and the decisions' texts. */
  q?: string;
  forumId?: string;
  status?: CaseStatus;
  stage?: CaseStage;
  /** The forums the asker sees; undefined: every forum. */
  visibleForumIds?: readonly string[];
  /** When an open case counts as waiting too long, and today's date (YYYY-MM-DD) to count from. */
  ageing: Ageing;
  /** Only the cases waiting too long. */
  agedOnly?: boolean;
  /** Standing items ("Godkendelse af dagsorden", "Evt.") too; left out by default, so that a list shows the matters. */
  includeStanding?: boolean;
  limit: number;
  /** The last id of the page before. */
  after?: string;
}

export interface Ageing {
  postponements: number;
  days: number;
  today: string;
}

export interface CaseListItem {
  id: string;
  title: string;
  kind: CaseKind;
  forumId: string;
  /** A standing item of the forum's meetings: listed only when asked for. */
  standing: boolean;
  status: CaseStatus;
  /** In the forum asked for, or overall. */
  stage: CaseStage;
  /** Each forum it has been in, and how it stands there. */
  forums: { forumId: string; state: 'waiting' | 'scheduled' | 'decided'; meetingId?: string }[];
  /** How many times it was postponed, and when last. */
  postponements: number;
  lastPostponedAt?: string;
  /** For an open case not yet decided everywhere: since it came to the forum it waits in longest (proposed or forwarded there). */
  waitingSince?: string;
  /** Waiting too long: postponed as often as the limit, or waiting as many days. */
  aged: boolean;
}

export interface CaseListPage {
  items: CaseListItem[];
  /** The id to pass as `after` for the next page; absent on the last. */
  last?: string;
}

const stageOf = (summary: CaseSummary, forumId?: string): CaseStage | undefined => {
  if (summary.status !== 'open') return summary.status;
  const steps = forumId ? [summary.forums[forumId]].filter(Boolean) : Object.values(summary.forums);
  if (steps.length === 0) return undefined;
  if (steps.some((step) => step.state === 'waiting')) return 'waiting';
  if (steps.some((step) => step.state === 'scheduled')) return 'scheduled';
  return 'decided';
};

/**
 * Each summary's searchable text, lower-cased once: a search that few cases match reads every case, and
 * lower-casing each one's text again per search was most of its time. Keyed by the summary itself, which
 * the projection replaces whenever the case changes, so a text is never that of an older state.
 */
const searchTexts = new WeakMap<CaseSummary, string>();

const searchText = (summary: CaseSummary): string => {
  let text = searchTexts.get(summary);
  if (text === undefined) {
    text = [summary.title, ...summary.flow.map((entry) => entry.text ?? '')].join('\n').toLocaleLowerCase('da');
    searchTexts.set(summary, text);
  }
  return text;
};

const matches = (summary: CaseSummary, words: readonly string[]): boolean => {
  if (words.length === 0) return true;
  const text = searchText(summary);
  return words.every((word) => text.includes(word));
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** When the case came to each forum it has not been decided in: proposed to the first, forwarded to the others. */
const waitingSinceOf = (summary: CaseSummary): string | undefined => {
  if (summary.status !== 'open') return undefined;
  const arrivals = Object.values(summary.forums)
    .filter((step) => step.state !== 'decided')
    .map((step) => summary.flow.findLast((entry) => entry.what === 'forwarded' && entry.toForumIds?.includes(step.forumId))?.at ?? summary.proposedAt);
  return arrivals.sort()[0];
};

const agedBy = (ageing: Ageing, postponements: number, waitingSince: string | undefined): boolean =>
  waitingSince !== undefined && (postponements >= ageing.postponements || (Date.parse(ageing.today) - Date.parse(waitingSince.slice(0, 10))) / DAY_MS >= ageing.days);

/** Cases by id, filtered and searched, a page at a time. */
export const listCases = (cases: CasesState, filter: CaseListFilter): CaseListPage => {
  const words = (filter.q ?? '').toLocaleLowerCase('da').split(/\s+/).filter(Boolean);
  const items: CaseListItem[] = [];
  const ids = [...cases.keys()].filter((id) => filter.after === undefined || id > filter.after).sort();
  for (const id of ids) {
    const summary = cases.get(id) as CaseSummary;
    const forumIds = Object.keys(summary.forums);
    if (filter.visibleForumIds && !forumIds.some((forumId) => filter.visibleForumIds?.includes(forumId))) continue;
    if (filter.forumId && !forumIds.includes(filter.forumId)) continue;
    if (summary.standing && !filter.includeStanding) continue;
    if (filter.status && summary.status !== filter.status) continue;
    const stage = stageOf(summary, filter.forumId);
    if (!stage || (filter.stage && stage !== filter.stage)) continue;
    if (!matches(summary, words)) continue;
    const postponed = summary.flow.filter((entry) => entry.what === 'postponed');
    const waitingSince = waitingSinceOf(summary);
    const aged = agedBy(filter.ageing, postponed.length, waitingSince);
    if (filter.agedOnly && !aged) continue;
    items.push({
      id,
      title: summary.title,
      kind: summary.kind,
      forumId: summary.forumId,
      standing: summary.standing,
      status: summary.status,
      stage,
      forums: Object.values(summary.forums).map(({ forumId, state, meetingId }) => ({ forumId, state, meetingId })),
      postponements: postponed.length,
      lastPostponedAt: postponed.at(-1)?.at,
      waitingSince,
      aged,
    });
    if (items.length === filter.limit + 1) break;
  }
  const more = items.length > filter.limit;
  const page = more ? items.slice(0, filter.limit) : items;
  return { items: page, last: more ? page[page.length - 1].id : undefined };
};
