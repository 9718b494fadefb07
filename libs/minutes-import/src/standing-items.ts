/**
 * Standing items (*faste punkter*): the items that come back at every meeting whatever the matters are. Imported
 * as cases like any other item, they are marked `standing`, so that the board and the case list show the matters
 * and not years of "Godkendelse af dagsorden". What is decided inside one is read as in any item: a sentence under
 * "Nyt fra K17 og KKR" that sends something on is still a forward, and a follow-up there is still a follow-up.
 *
 * Only the title decides, read whole (a trailing dot, "(udsat fra …)" and stray spacing aside), so a matter whose
 * title merely begins like one ("Status på den nationale koordinationsstruktur", "Orientering fra Socialstyrelsen om
 * takster") is never taken for a standing item.
 *
 * | family | title, read whole | example |
 * |---|---|---|
 * | approval of the agenda or the minutes | godkendelse af dagsorden(en) / referat(et), one or both, maybe "fra mødet …"; referat(et) fra sidste/forrige møde | "Godkendelse af dagsorden og referat fra mødet 12/5" |
 * | news from forums and the secretariat | nyt / meddelelser / orientering fra, then only forums, the secretariat, the chair, the members; gensidig orientering; (korte) orienteringspunkter; meddelelser | "Nyt fra Styregruppen og Sekretariatet" |
 * | any other business | evt., eventuelt, eventuelle punkter, maybe "og næste møde" | "Evt." |
 * | next meeting | næste møde, mødekalender, with anything after | "Næste møde 12/12" |
 * | status on the focus areas | (kort) status on the focus areas, the framework agreement of given years or the development strategy | "Status rammeaftale 2025-2026 pr. september 2025" |
 */

export type StandingFamily = 'approval' | 'news' | 'any-other-business' | 'next-meeting' | 'focus-area-status';

/** What the review says of each family, in Danish. */
export const STANDING_FAMILY_NAMES: Record<StandingFamily, string> = {
  approval: 'godkendelse af dagsorden eller referat',
  news: 'nyt og orientering',
  'any-other-business': 'eventuelt',
  'next-meeting': 'næste møde',
  'focus-area-status': 'status på fokusområderne',
};

const DOCUMENT = '(?:dagsorden(?:en)?|referat(?:et)?)';
const APPROVAL = new RegExp(
  `^(?:(?:godkendelse\\s+af\\s+)?${DOCUMENT}(?:\\s+(?:og|samt)\\s+(?:godkendelse\\s+af\\s+)?${DOCUMENT})?(?:\\s+fra\\s+(?:sidste|forrige|mødet|møde)\\b.{0,40})?|${DOCUMENT}\\s+fra\\s+(?:sidste|forrige)\\s+møde)$`,
  'i',
);
/** Who news comes from in a standing item: the forums, the secretariat, the chair, the members, nobody else. */
const NEWS_SOURCE =
  /^(?:og|k17|kkr|sjælland|kl|kl's|styregruppen|sekretariatet|rammeaftalesekretariatet|formand(?:en|skabet)|næstformand(?:en)?|medlemmerne|kommunerne|[a-zæøå-]*gruppen|[a-zæøå-]*grupperne|[a-zæøå-]*forum(?:met)?|direktør-|chefforum|dialogforum)$/i;
const NEWS_LEAD = /^(?:nyt|meddelelser|orientering|siden\s+sidst)\s+fra\s+(.{1,120})$/i;
const NEWS_WHOLE = /^(?:gensidig\s+orientering|(?:korte\s+)?orienteringspunkter|meddelelser|nyt|siden\s+sidst)$/i;
const ANY_OTHER_BUSINESS = /^(?:evt|eventuelt|eventuelle\s+punkter)\.?(?:\s+og\s+næste\s+møde)?$/i;
const NEXT_MEETING = /^(?:næste\s+møde|mødekalender)\b/i;
const FOCUS_AREA_STATUS =
  /^(?:kort\s+)?status\b.{0,50}?\b(?:fokusområde(?:r|rne|t)?|rammeaftale(?:n)?\s+\d{4}(?:\s*[-–]\s*\d{2,4})?|udviklingsstrategi(?:en)?)\b/i;
const CONTINUES = /\(\s{0,3}(?:udsat|fortsat|genoptaget|videreført|overført)\s{1,3}fra\s{1,3}[^)]{1,60}\)/gi;

/** No standing item has a long title; a longer one is a matter, read without a second look. */
const MAX_TITLE = 200;
const TRAILING_MARKS = new Set([' ', '.', ':', '…', '–', '-']);

/** Stray dots, colons and dashes at the end, dropped by a loop: a regex anchored at the end rescans every run. */
function withoutTrailingMarks(text: string): string {
  let end = text.length;
  while (end > 0 && TRAILING_MARKS.has(text[end - 1])) end--;
  return text.slice(0, end).trim();
}

/** The family of a standing item, by its title; undefined for a matter. */
export function standingFamily(title: string): StandingFamily | undefined {
  if (title.length > MAX_TITLE) return undefined;
  const text = withoutTrailingMarks(title.replace(CONTINUES, ' ').replace(/\s+/g, ' '));
  if (text === '') return undefined;
  if (APPROVAL.test(text)) return 'approval';
  if (ANY_OTHER_BUSINESS.test(text)) return 'any-other-business';
  if (NEXT_MEETING.test(text)) return 'next-meeting';
  if (NEWS_WHOLE.test(text)) return 'news';
  const news = NEWS_LEAD.exec(text);
  if (news && news[1].split(/[\s,]+/).every((word) => word === '' || NEWS_SOURCE.test(word))) return 'news';
  if (FOCUS_AREA_STATUS.test(text)) return 'focus-area-status';
  return undefined;
}
