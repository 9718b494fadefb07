import { FORUM_IDS, type ForumId } from './review-report';

/** Display names, in Danish, as the report prints them. */
export const FORUM_NAMES: Readonly<Record<ForumId, string>> = {
  styregruppen: 'Styregruppen',
  k17: 'K17',
  'kkr-sjaelland': 'KKR Sjælland',
  'kl-koordinationsforum': 'KL Koordinationsforum',
  'direktoer-og-chefforum': 'Direktør- og chefforum',
  implementeringsgruppen: 'Implementeringsgruppen',
  oekonomigruppen: 'Økonomigruppen',
  'kkr-dialogforum': 'KKR Dialogforum',
};

export function isForumId(id: string): id is ForumId {
  return (FORUM_IDS as readonly string[]).includes(id);
}

export function forumName(id: string): string {
  return isForumId(id) ? FORUM_NAMES[id] : id;
}

export interface ForumMention {
  forumId: ForumId;
  index: number;
  end: number;
  text: string;
}

/**
 * How the minutes name each forum. Order matters: the longer names ("KKR dialogforum", "KL's
 * koordinationsforum") are tried before the short ones they contain. "K17-repræsentanter", "KKR-formandskabet"
 * and "K17-møde" are people or a meeting, not the forum as a recipient, so a hyphen after K17/KKR ends the
 * match, and so does "repræsentanter".
 */
const FORUM_PATTERN = new RegExp(
  [
    "(?<kl>(?<![A-Za-zÆØÅæøå])(?:KL['’]?s\\s{1,3})?koordinationsforum(?:et)?(?:\\s{1,3}i\\s{1,3}KL\\b)?)",
    '(?<kkrd>\\bKKR[\\s-]{0,3}dialogforum(?:et)?)',
    '(?<dir>(?<![A-Za-zÆØÅæøå-])direktør\\s{0,3}[-–]?\\s{0,3}(?:og|&)\\s{0,3}[-–]?\\s{0,3}chef(?:forum(?:et)?|møde[a-zæø]{0,4}))',
    '(?<kkr>\\bKKR\\b(?![-‐][A-Za-zÆØÅæøå])(?:\\s{1,3}Sjælland\\b)?(?!\\s{0,3}[-‐]?\\s{0,3}repræsentant))',
    '(?<k17>\\bK17\\b(?![-‐][A-Za-zÆØÅæøå])(?!\\s{0,3}[-‐]?\\s{0,3}repræsentant))',
    '(?<impl>(?<![A-Za-zÆØÅæøå])implementeringsgrupp[a-zæøå]{0,6})',
    '(?<oek>(?<![A-Za-zÆØÅæøå])økonomigrupp[a-zæøå]{0,6})',
    '(?<sg>(?<![A-Za-zÆØÅæøå])styregrupp[a-zæøå]{0,8})',
  ].join('|'),
  'gi',
);

const GROUP_TO_ID: ReadonlyArray<[string, ForumId]> = [
  ['kl', 'kl-koordinationsforum'],
  ['kkrd', 'kkr-dialogforum'],
  ['dir', 'direktoer-og-chefforum'],
  ['kkr', 'kkr-sjaelland'],
  ['k17', 'k17'],
  ['impl', 'implementeringsgruppen'],
  ['oek', 'oekonomigruppen'],
  ['sg', 'styregruppen'],
];

export function findForumMentions(text: string): ForumMention[] {
  const mentions: ForumMention[] = [];
  for (const m of text.matchAll(FORUM_PATTERN)) {
    const groups = m.groups ?? {};
    const hit = GROUP_TO_ID.find(([group]) => groups[group] !== undefined);
    if (hit) mentions.push({ forumId: hit[1], index: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: m[0] });
  }
  return mentions;
}
