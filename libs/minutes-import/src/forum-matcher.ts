import type { MinutesForum } from './review-report';

export interface ForumMention {
  forumId: string;
  index: number;
  end: number;
  text: string;
}

/** The forums of one parse, compiled from their names and aliases into the patterns that find them in the text. */
export interface ForumMatcher {
  readonly forums: readonly MinutesForum[];
  /** Every mention of a forum, in order of appearance. */
  mentions(text: string): ForumMention[];
  /** The forum's display name; an id that is no forum of the list is shown as it is. */
  name(forumId: string): string;
  /** One mention of any forum, without capture groups, to be embedded in a phrase pattern. */
  readonly anyForum: string;
  /** One mention of the given forum, as `anyForum`; a pattern that matches nothing for an unknown forum. */
  forum(forumId: string): string;
}

const LETTER = 'A-Za-zÀ-ÖØ-öø-ÿ';
/** Last, so that in a character class the ASCII hyphen is itself and not a range. */
const HYPHEN = '‐‑–-';
const SEPARATORS = new RegExp(`[\\s${HYPHEN}]+`);
/**
 * How many letters of inflection or compound may follow a name that ends in a lower-case letter:
 * "styregruppe" takes "styregruppen", "styregruppens", "styregruppemøderne". Bounded, so a long compound
 * such as "styregruppeformanden" is not read whole as the forum (an owner is a forum only if the mention is
 * the whole name).
 */
const MAX_SUFFIX = 7;
/** Matches nothing: the pattern of a forum that is not in the list. */
const NOTHING = '(?!)';

const cache = new WeakMap<readonly MinutesForum[], ForumMatcher>();

/**
 * The matcher of a forums list, compiled once per list: the configuration gives every parse of a process the same
 * array. A changed list must therefore be a new array.
 */
export function forumMatcher(forums: readonly MinutesForum[]): ForumMatcher {
  let matcher = cache.get(forums);
  if (!matcher) {
    matcher = compile(forums);
    cache.set(forums, matcher);
  }
  return matcher;
}

function compile(forums: readonly MinutesForum[]): ForumMatcher {
  const byId = new Map(forums.map((forum) => [forum.id, forum]));
  // Longer names first, so "KKR Sjælland" and "KKR dialogforum" win over the "KKR" they start with.
  const names = forums
    .flatMap((forum) => namesOf(forum).map((name) => ({ forumId: forum.id, name, source: aliasPattern(name) })))
    .filter((alias) => alias.source !== '')
    .sort((a, b) => b.name.length - a.name.length);
  // Capture group i + 1 is names[i]: the group that matched says which forum it was.
  const mentionPattern = names.length > 0 ? new RegExp(names.map((alias) => `(${alias.source})`).join('|'), 'gi') : undefined;
  const ofForum = new Map<string, string>();
  for (const forum of forums) {
    const own = names.filter((alias) => alias.forumId === forum.id).map((alias) => alias.source);
    ofForum.set(forum.id, own.length > 0 ? `(?:${own.join('|')})` : NOTHING);
  }

  return {
    forums,
    mentions(text: string): ForumMention[] {
      if (!mentionPattern) return [];
      const mentions: ForumMention[] = [];
      // exec on the one compiled pattern: matchAll would copy a pattern this long on every call.
      mentionPattern.lastIndex = 0;
      for (let m = mentionPattern.exec(text); m !== null; m = mentionPattern.exec(text)) {
        const group = m.findIndex((value, i) => i > 0 && value !== undefined);
        if (group > 0) mentions.push({ forumId: names[group - 1].forumId, index: m.index, end: m.index + m[0].length, text: m[0] });
      }
      return mentions;
    },
    name: (forumId) => byId.get(forumId)?.name ?? forumId,
    anyForum: names.length > 0 ? `(?:${names.map((alias) => alias.source).join('|')})` : NOTHING,
    forum: (forumId) => ofForum.get(forumId) ?? NOTHING,
  };
}

/** The name always counts; an alias that only repeats it in other spacing or case is left out. */
function namesOf(forum: MinutesForum): string[] {
  const seen = new Set<string>();
  return [forum.name, ...(forum.aliases ?? [])]
    .map((name) => name.trim())
    .filter((name) => {
      const key = name.replace(/\s+/g, ' ').toLocaleLowerCase('da');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * A name as the minutes write it: any case; between words one to three spaces or a hyphen ("KKR-dialogforum",
 * "direktør- og chefforum"); "og" or "&"; an apostrophe of either kind, or none ("KL's", "KL’s", "KLs").
 * A name ending in a lower-case letter takes a suffix (see MAX_SUFFIX). A name ending in a capital or a digit is
 * an abbreviation: it must end there, and "K17-møde", "KKR-formandskabet" and "K17-repræsentanter" are a
 * meeting and people, not the forum as a recipient. No name matches from inside a word.
 */
function aliasPattern(name: string): string {
  const words = name.split(SEPARATORS).filter((word) => word !== '');
  if (words.length === 0) return '';
  const start = /^[\p{L}\p{N}]/u.test(words[0]) ? `(?<![${LETTER}0-9])` : '';
  const body = start + words.map(wordPattern).join(`(?:\\s{1,3}|\\s{0,3}[${HYPHEN}]\\s{0,3})`);
  const last = words[words.length - 1].slice(-1);
  if (/\p{Ll}/u.test(last)) return `${body}[a-zæøå]{0,${MAX_SUFFIX}}`;
  if (/[\p{Lu}\p{N}]/u.test(last)) return `${body}(?![${LETTER}0-9])(?![${HYPHEN}][${LETTER}])(?!\\s{0,3}[${HYPHEN}]?\\s{0,3}repræsentant)`;
  return body;
}

function wordPattern(word: string): string {
  if (/^(?:og|&)$/i.test(word)) return '(?:og|&)';
  return [...word].map((c) => (c === "'" || c === '’' ? "['’]?" : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
}
