import {
  findDates,
  findFuzzyDate,
  findTimeRange,
  resolveDate,
  resolveFuzzyDate,
  zonedDateTime,
} from './danish-dates';
import type { ForumMatcher, ForumMention } from './forum-matcher';
import type { DuePoint, ForwardPurpose, Owner } from './review-report';

/**
 * One decision sentence → what it does to a case. The phrase families are those of DOMAIN.md: approved,
 * noted, decided, postponed (also another item: "punkt 3 ... udsættes"), forwarded (for decision or for
 * information), follow-ups with owners and due points, an answer awaited from an outside body, a case that
 * comes back at the next meeting. Reported speech ("Det blev nævnt ...") and discussion are remarks; a
 * proposal ("Det blev foreslået ...") is left for a person, because a proposal is not yet a decision.
 *
 * A family is built from its parts, not from whole sentences: who acts (a forum of the configuration, "gruppen",
 * the secretariat, a municipality, a working group), the verb in any of the tenses and voices minutes use,
 * what it acts on (indstillingen, referatet ...), where it goes (a forum, "næste møde") and when (a date, primo
 * oktober, "inden næste møde"). Any of the parts may stand between others ("Referatet fra mødet 12/5 blev
 * godkendt"), so the parts are joined by a few free words, never by the words of one example.
 *
 * | family | who | verb | what / where / when | example |
 * |---|---|---|---|---|
 * | approved by the forum | forum, gruppen, mødet | godkendte, godkender, tiltrådte, tiltræder, tilsluttede sig, bakkede op om | – | "Styregruppen tilsluttede sig indstillingen" |
 * | approved, passive | – | blev/er godkendt, godkendes, tiltrådtes | indstillingen, referatet, dagsordenen, forslaget ... (a few words may follow the noun) | "Referatet fra mødet 12/5 blev godkendt" |
 * | approved, bare | – | godkendt, tiltrådt | alone, or with what it was approved with (med, uden, som, idet) | "Godkendt med den tilføjelse, at regionen deltager" |
 * | noted | (forum) | tog, tager, tages, taget ... til efterretning | orienteringen, status | "Orienteringen blev taget til efterretning" |
 * | decided | (forum) | besluttede, vedtog, besluttes, vedtaget | – | "Styregruppen besluttede at nedsætte en arbejdsgruppe" |
 * | postponed | – | udsættes, udskydes, flyttes til, overføres til | punkt N; a date or "næste møde" | "Punkt 3 udsættes til mødet 8/8" |
 * | forwarded | – | videresendes, sendes (videre) til, sende/sender X videre (up to three words between), oversendes, forelægges, rejses i, tages op i, løftes til | a forum; "til orientering", "som orientering", "til beslutning", "til videre behandling", each forum its own | "Sagen sendes til K17 som orientering og til KKR til beslutning" |
 * | handed on | – | overdrages, overlades, gives videre til | a working group or forum; not a forum: said, not guessed | "Opgaven overdrages til netværksgruppen for ledere" |
 * | follow-up, named verb | secretariat, municipality, person, forum | følger op, udarbejder, kontakter, sender ... | a date, primo/medio/ultimo, "før næste møde" | "Sekretariatet udarbejder et notat til næste møde" |
 * | follow-up, who first | secretariat, forum, municipality, arbejdsgruppen | any verb in the present (…er) | a date, a meeting | "Økonomigruppen beregner konsekvenserne inden 1. oktober" |
 * | awaiting | – | afventer, afventes, forventer svar | svar fra X | "Styregruppen afventer svar fra Socialstyrelsen" |
 * | comes back | – | genbehandles, drøftes/behandles igen, tages op igen, vender tilbage, genoptages | næste møde, et kommende møde, the forum's next meeting by name | "Sagen drøftes igen på næste møde" |
 * | reported speech (remark) | det blev, der blev, X | nævnt, oplyste, orienterede, gennemgik, præsenterede, redegjorde | – | "Sekretariatet gennemgik de foreløbige tal" |
 * | proposal (for a person) | det blev, X | foreslået, foreslog | – | "Det blev foreslået at udskyde temadagen" |
 *
 * Regexes are anchored or bounded ({0,n}) so that a long sentence costs a scan, never a backtracking blow-up.
 */

/** What a sentence is read against: the forums it may name, the meetings' time zone, and the meeting itself. */
export interface ReadingContext {
  forums: ForumMatcher;
  timeZone: string;
  ownForumId: string;
  meetingDate: string;
}

export interface ClassifyContext extends ReadingContext {
  /** Under "Drøftelse", or after "X nævnte følgende:": a sentence without an event is discussion. */
  discussion: boolean;
}

export type OutcomeFinding = { kind: 'outcome'; outcome: 'approved' | 'noted' | 'decided'; byForum: boolean };

export interface PostponementFinding {
  kind: 'postponement';
  /** Another item's number, when the sentence postpones "punkt 3" from within item 1. */
  itemNumber?: number;
  meetingDate?: string;
  next?: true;
  forumId: string;
  startsAt?: string;
  endsAt?: string;
  yearGuessed: boolean;
  targetGuessed: boolean;
}

export interface ForwardFinding {
  kind: 'forward';
  forumIds: string[];
  purpose?: ForwardPurpose;
  /** A purpose said for one forum alone: "til K17 som orientering og til KKR til beslutning". */
  purposes?: Record<string, ForwardPurpose>;
  /** Recipients that are no forum of ours ("kommunerne", "KL"): said in a warning. */
  otherRecipients: string[];
}

export interface FollowUpFinding {
  kind: 'follow-up';
  description: string;
  followUpKind: 'action' | 'awaiting';
  owners: Owner[];
  ownerGuessed: boolean;
  due?: DuePoint;
}

export type Finding =
  | OutcomeFinding
  | PostponementFinding
  | ForwardFinding
  | FollowUpFinding
  | { kind: 'returns-next-meeting' }
  | { kind: 'meeting' };

export interface Classification {
  findings: Finding[];
  /** Discussion or reported speech: no event, nothing to review. */
  remark: boolean;
  /** Why no event was taken, where there is more to say than "no known phrase". */
  reason?: string;
}

const MAX_SENTENCE = 2000;

const REPORTED_SPEECH =
  /^(?:ift\.\s{1,3}[^,]{0,80},\s{0,2})?(?:det\s+blev\s+(?:også\s+)?(?:nævnt|betonet|fremhævet|bemærket|drøftet|oplyst|understreget)|der\s+blev\s+(?:også\s+)?(?:udtrykt|orienteret|nævnt|drøftet|spurgt)|afslutningsvis\s+blev|efterfølgende\s+blev|[A-ZÆØÅ][\wÆØÅæøå.-]{0,30}\s+(?:nævnte|fortalte|oplyste|orienterede|fremhævede|understregede|gennemgik|præsenterede|redegjorde|informerede))\b/i;
const PROPOSAL = /^(?:det|der)\s+blev\s+(?:også\s+)?foreslået\b|\bblev\s+(?:det\s+)?foreslået\b|^\S+\s+foreslog\b/i;

/** Who decides, besides a forum named: the words minutes use for the forum that meets. */
const MEETING_SUBJECT = 'gruppen|forummet|udvalget|mødet';
/** What a forum approves: the object of the approved family. */
const APPROVED_OBJECT = 'indstillingen|indstillingerne|dagsordenen|referatet|forslaget|forslagene|notatet|planen|kommissoriet|strategien|oplægget|budgettet|rammeaftalen|aftalen|beskrivelsen';
const APPROVED_VERB_PASSIVE = 'godkendt|godkendes|tiltrådt|tiltrådtes|tiltrædes';
const APPROVED_PASSIVE = new RegExp(
  `\\b(?:${APPROVED_OBJECT})(?:\\s+(?!blev\\b|er\\b)[^\\s.]+){0,5}?\\s+(?:blev\\s+|er\\s+)?(?:${APPROVED_VERB_PASSIVE})\\b`,
  'i',
);
/** "Godkendt." alone, or with what it was approved with: "Godkendt med den tilføjelse, at ...", "Tiltrådt uden bemærkninger". */
const APPROVED_BARE = /^(?:godkendt|tiltrådt|indstillingen\s+(?:blev\s+)?(?:godkendt|tiltrådt))(?:\s*\.?$|,?\s+(?:med|uden|som|idet)\s)/i;
const NOTED = /\bt(?:og|ager|ages|aget)\s+(?:\S+\s+){0,4}?til\s+efterretning\b/i;
const DECIDED = /\b(?:besluttede|besluttet|besluttes|vedtog|vedtaget|vedtages)\b/i;

const POSTPONE = /\b(?:udsættes|udsætter|udsatte|udsat\s+til|udskydes|udskudt\s+til|flyttes\s+til|overføres\s+til)\b/i;
const ITEM_REF = /\b(?:punkt|pkt\.?)\s{0,2}(\d{1,2})\b/gi;

const FORWARD =
  /\b(?:videresend[a-zæøå]{0,6}|send(?:es|er|e|t)?\s+(?:[^\s.,]+\s+){0,3}?videre|oversend[a-zæøå]{0,4}|rejs(?:es|e)\s+(?:sagen\s+)?(?:i|på|hos|over\s+for)|tag(?:es|e)?\s+(?:sagen\s+|det\s+|dette\s+)?(?:op|med)\s+(?:i|på)|sendes\s+til|overdrages\s+til|overlades\s+til|gives\s+videre\s+til|adresser(?:e|es)?\s+(?:i|på|over\s+for)|forelægg(?:es|e)\s+(?:for|i)|løftes\s+(?:til|i)|fremlægg(?:es|else)\s+(?:på|i|for)|til\s+fremlæggelse\s+(?:på|i|for))(?![\wæøåÆØÅ])/i;
const PURPOSE_INFORMATION = /\b(?:til|som)\s+(?:orientering|efterretning)\b|\borientering\s+(?:af|til)\b/i;
const PURPOSE_DECISION =
  /\b(?:til|som)\s+(?:beslutning|godkendelse|behandling|videre\s+behandling|stillingtagen|politisk\s+behandling)\b|\bmed\s+henblik\s+på\s+(?:beslutning|godkendelse|stillingtagen)\b/i;
const OTHER_RECIPIENTS = /\b(?:kommunerne|regionen|byrådene|kommunalbestyrelserne|KL\b(?!['’]s)(?!\s{1,3}koordinationsforum))/gi;

const AWAIT = /\b(?:afventer|afventes|afvente|forventes\s+(?:\S+\s+){0,2}?svar|forventer\s+(?:\S+\s+){0,2}?svar)\b/i;
const AWAITED_FROM = /\bsvar\s+fra\s+(?:fra\s+)?((?:[A-ZÆØÅ][\wÆØÅæøå-]*)(?:\s+(?:og\s+)?[A-ZÆØÅ][\wÆØÅæøå-]*){0,3})/;
const FOLLOW_UP =
  /\b(?:følger\s+op|følges\s+op|følge\s+op|kontakter|kontaktes|kontakte|deles\s+(?:\S+\s+){0,3}?med|bedes|inviterer|inviteres|udarbejder|udarbejdes|udsender|udsendes|fremsender|fremsendes|eftersendes|sender(?!\s+videre)|sendes\s+i\s+høring|indkalder|indkaldes|undersøger|undersøges|sørger\s+for)\b/i;
/** Who acts, where a sentence begins with the actor and a verb in the present: "Økonomigruppen beregner ...". */
const ACTOR = (anyForum: string) =>
  `${anyForum}|(?:rammeaftale)?sekretariatet|formand(?:en|skabet)|tovholder(?:en|gruppen|ne)|arbejdsgruppen|netværksgruppen|(?:${MUNICIPALITIES.join('|')})(?:\\s+kommune)?`;
/** Verbs in the present that say what is thought or found, not what will be done. */
const NOT_AN_ACTION = /^(?:er|har|mener|ønsker|oplever|vurderer|finder|anser|synes|savner|bemærker|understreger|anerkender|deler|tager|godkender|tiltræder|bakker|tilslutter|beder|ser|kender|bliver|var|anbefaler|peger|noterer)$/i;
const PASSIVE_CUE = /^(?:følges|kontaktes|deles|inviteres|udarbejdes|udsendes|fremsendes|eftersendes|sendes|indkaldes|undersøges|afventes|følge|kontakte|afvente)\b/i;

/** The case comes back without naming the next meeting: "drøftes igen på et kommende møde". */
const RETURNS_LATER =
  /\bgenbehandles\b|\b(?:drøftes|behandles|tages\s+op|forelægges|genoptages)\s+(?:\S+\s+){0,3}?(?:igen|på\s+et\s+(?:kommende|senere)\s+møde)\b/i;
const BEFORE_MEETING = /\b(?:forud\s+for|inden|før)\s+(?:det\s+|næste\s+)?møde[a-z]{0,2}\b/i;
const CLAUSE_BREAK = /,\s|\s+og\s+/g;
const LEADING_FILLER = /^(?:(?:og|samt|herunder|ift\.|i\s+forhold\s+til|at|der\s+var\s+enighed\s+om\s+at|,)\s+)+/i;

/** The phrases that name a forum, compiled once per forums list (and per own forum for "næste styregruppemøde"). */
interface ForumPhrases {
  approvedByForum: RegExp;
  decidedByForum: RegExp;
  actorFirst: RegExp;
  nextMeeting: Map<string, RegExp>;
}

const phrasesByForums = new WeakMap<ForumMatcher, ForumPhrases>();

function forumPhrases(forums: ForumMatcher): ForumPhrases {
  let phrases = phrasesByForums.get(forums);
  if (!phrases) {
    const subject = `(?:${forums.anyForum}|${MEETING_SUBJECT})`;
    phrases = {
      approvedByForum: new RegExp(`^(?:\\S+\\s+){0,4}?${subject}(?:\\s+\\S+){0,3}?\\s+(?:godkendte|godkender|tiltrådte|tiltræder|tilsluttede\\s+sig|tilslutter\\s+sig|bakkede\\s+op\\s+om|bakker\\s+op\\s+om)\\b`, 'i'),
      decidedByForum: new RegExp(`^(?:\\S+\\s+){0,4}?${subject}(?:\\s+\\S+){0,2}?\\s+(?:besluttede|vedtog)\\b`, 'i'),
      actorFirst: new RegExp(`^(?:${ACTOR(forums.anyForum)})(?:(?:\\s*,\\s*|\\s+og\\s+)(?:${ACTOR(forums.anyForum)})){0,4}\\s+(?:(?:også|fortsat|selv|herefter|snarest)\\s+)?([a-zæøå]{2,}er)\\b`, 'i'),
      nextMeeting: new Map(),
    };
    phrasesByForums.set(forums, phrases);
  }
  return phrases;
}

/** "næste møde", "næste møde i K17", and the own forum's next meeting by name: "næste styregruppemøde". */
function nextMeetingWords(ctx: ReadingContext): RegExp {
  const cache = forumPhrases(ctx.forums).nextMeeting;
  let pattern = cache.get(ctx.ownForumId);
  if (!pattern) {
    pattern = new RegExp(`\\bnæste\\s+(?:${ctx.forums.forum(ctx.ownForumId)}|møde[a-z]{0,2}(?:\\s+i\\s+\\S+(?:\\s+\\S+)?)?)`, 'i');
    cache.set(ctx.ownForumId, pattern);
  }
  return pattern;
}

export function classifySentence(sentence: string, ctx: ClassifyContext): Classification {
  const text = sentence.trim();
  if (text.length > MAX_SENTENCE) return { findings: [], remark: false, reason: 'sætningen er for lang til at blive læst sikkert' };
  if (REPORTED_SPEECH.test(text)) return { findings: [], remark: true };
  if (PROPOSAL.test(text)) {
    return { findings: [], remark: false, reason: 'et forslag, ikke en beslutning: se efter, om det blev besluttet' };
  }

  const findings: Finding[] = [];
  const cueEnds: number[] = [];
  const outcome = findOutcome(text, forumPhrases(ctx.forums), cueEnds);
  if (outcome) findings.push(outcome);
  const postponement = findPostponement(text, ctx);
  if (postponement) findings.push(postponement);

  let reason: string | undefined;
  const forwardCue = FORWARD.exec(text);
  let forwardForums: ForumMention[] = [];
  if (forwardCue && !postponement) {
    forwardForums = forwardTargets(text, forwardCue.index, ctx);
    if (forwardForums.length > 0) {
      cueEnds.push(forwardCue.index + forwardCue[0].length);
      const forward: ForwardFinding = {
        kind: 'forward',
        forumIds: [...new Set(forwardForums.map((f) => f.forumId))],
        purpose: purposeIn(text),
        otherRecipients: otherRecipients(text.slice(forwardCue.index)),
      };
      const purposes = purposesByForum(text, forwardForums);
      if (purposes) forward.purposes = purposes;
      findings.push(forward);
    } else if (!ctx.discussion) {
      reason = 'sendes videre, men ikke til et kendt forum';
    }
  }

  const followUp = findFollowUp(text, ctx, cueEnds, forwardForums);
  if (followUp) findings.push(followUp);

  if (!postponement && nextMeetingWords(ctx).test(text)) {
    if (/\b(?:afholdes|planlagt|holdes)\b/i.test(text) && findDates(text).length > 0) findings.push({ kind: 'meeting' });
    else if (/\bgenbehandl|\bigen\b|\bgenoptag|\bsagen\b|\bpunktet\b/i.test(text)) findings.push({ kind: 'returns-next-meeting' });
  } else if (!postponement && RETURNS_LATER.test(text)) {
    findings.push({ kind: 'returns-next-meeting' });
  }

  if (findings.length > 0) return { findings, remark: false };
  return { findings, remark: ctx.discussion && reason === undefined, reason };
}

function findOutcome(text: string, phrases: ForumPhrases, cueEnds: number[]): OutcomeFinding | undefined {
  const decidedByForum = phrases.decidedByForum.exec(text);
  if (decidedByForum) {
    cueEnds.push(decidedByForum.index + decidedByForum[0].length);
    return { kind: 'outcome', outcome: 'decided', byForum: true };
  }
  const approved = phrases.approvedByForum.exec(text) ?? APPROVED_PASSIVE.exec(text) ?? APPROVED_BARE.exec(text);
  if (approved) {
    cueEnds.push(approved.index + approved[0].length);
    return { kind: 'outcome', outcome: 'approved', byForum: true };
  }
  const noted = NOTED.exec(text);
  if (noted) {
    cueEnds.push(noted.index + noted[0].length);
    return { kind: 'outcome', outcome: 'noted', byForum: true };
  }
  const decided = DECIDED.exec(text);
  if (decided) {
    cueEnds.push(decided.index + decided[0].length);
    return { kind: 'outcome', outcome: 'decided', byForum: false };
  }
  return undefined;
}

function findPostponement(text: string, ctx: ClassifyContext): PostponementFinding | undefined {
  const cue = POSTPONE.exec(text);
  if (!cue) return undefined;
  let itemNumber: number | undefined;
  for (const ref of text.slice(0, cue.index).matchAll(ITEM_REF)) itemNumber = Number(ref[1]);
  const after = text.slice(cue.index);
  const forumId = ctx.forums.mentions(after).find((m) => !/^koordinationsforum/i.test(m.text))?.forumId ?? ctx.ownForumId;
  const finding: PostponementFinding = { kind: 'postponement', itemNumber, forumId, yearGuessed: false, targetGuessed: false };
  const mention = findDates(after)[0];
  const resolved = mention ? resolveDate(mention, ctx.meetingDate, 'not-before') : undefined;
  if (mention && resolved) {
    finding.meetingDate = resolved.date;
    finding.yearGuessed = resolved.yearGuessed;
    const range = findTimeRange(after, mention.end);
    if (range) {
      finding.startsAt = zonedDateTime(resolved.date, range.start, ctx.timeZone);
      if (range.end) finding.endsAt = zonedDateTime(resolved.date, range.end, ctx.timeZone);
    }
  } else {
    finding.next = true;
    finding.targetGuessed = !nextMeetingWords(ctx).test(after);
  }
  return finding;
}

function purposeIn(text: string): ForwardPurpose | undefined {
  return PURPOSE_INFORMATION.test(text) ? 'information' : PURPOSE_DECISION.test(text) ? 'decision' : undefined;
}

/** "til K17 som orientering og til KKR til beslutning": the words after each forum, up to the next, say its purpose. */
function purposesByForum(text: string, mentions: ForumMention[]): Record<string, ForwardPurpose> | undefined {
  const sorted = [...mentions].sort((a, b) => a.index - b.index);
  const purposes: Record<string, ForwardPurpose> = {};
  sorted.forEach((m, n) => {
    const purpose = purposeIn(text.slice(m.index + m.text.length, sorted[n + 1]?.index ?? text.length));
    if (purpose) purposes[m.forumId] = purpose;
  });
  return new Set(Object.values(purposes)).size > 1 ? purposes : undefined;
}

function forwardTargets(text: string, cueIndex: number, ctx: ReadingContext): ForumMention[] {
  const mentions = otherForums(text, ctx);
  const after = mentions.filter((m) => m.index > cueIndex);
  return after.length > 0 ? after : mentions;
}

function otherRecipients(text: string): string[] {
  return [...new Set([...text.matchAll(OTHER_RECIPIENTS)].map((m) => m[0]))];
}

function actorFirstCue(text: string, ctx: ClassifyContext): { index: number; 0: string } | undefined {
  const m = forumPhrases(ctx.forums).actorFirst.exec(text);
  if (!m || NOT_AN_ACTION.test(m[1])) return undefined;
  return { index: m.index + m[0].length - m[1].length, 0: m[1] };
}

function findFollowUp(text: string, ctx: ClassifyContext, cueEnds: number[], forwardForums: ForumMention[]): FollowUpFinding | undefined {
  const awaiting = AWAIT.exec(text);
  const cue = awaiting ?? FOLLOW_UP.exec(text) ?? actorFirstCue(text, ctx);
  if (!cue) return undefined;
  const earlier = cueEnds.filter((end) => end <= cue.index);
  const start = clauseStart(text, cue.index, earlier.length > 0 ? Math.max(...earlier) : 0);
  const rest = text.slice(start).trimStart();
  const clause = start > 0 ? rest.replace(LEADING_FILLER, '') : rest;
  const description = clause.charAt(0).toUpperCase() + clause.slice(1);
  const cueInClause = cue.index - (text.length - clause.length);

  let owners: Owner[] = [];
  if (awaiting) {
    const from = AWAITED_FROM.exec(text.slice(cue.index));
    if (from) owners = [toOwner(from[1], ctx.forums)];
  } else if (!PASSIVE_CUE.test(cue[0]) && !/\bat\s+$/i.test(clause.slice(0, Math.max(0, cueInClause)))) {
    owners = subjectOwners(clause.slice(0, Math.max(0, cueInClause)), ctx.forums);
  }
  const ownerGuessed = owners.length === 0;
  if (ownerGuessed) owners = [{ kind: 'secretariat', name: 'Sekretariatet' }];

  return {
    kind: 'follow-up',
    description,
    followUpKind: awaiting ? 'awaiting' : 'action',
    owners,
    ownerGuessed,
    due: findDue(description, text, ctx, forwardForums),
  };
}

/** Where the clause of a cue starts: after the last ", " or " og " between an earlier cue and this one. */
function clauseStart(text: string, cueIndex: number, earlierEnd: number): number {
  if (earlierEnd === 0) return 0;
  let start = earlierEnd;
  CLAUSE_BREAK.lastIndex = earlierEnd;
  for (let m = CLAUSE_BREAK.exec(text); m !== null && m.index < cueIndex; m = CLAUSE_BREAK.exec(text)) {
    start = m.index + m[0].length;
  }
  return start;
}

const OWNER_STOP = /^(?:der|det|dette|den|de|man|sagen|punktet|notatet|i|på|ift\.?|jf\.?|efterfølgende|herefter|derefter|hver|alle)$/i;
const OWNER_WORD = /^(?:[A-ZÆØÅ][\wÆØÅæøå.'’-]*|(?:rammeaftale)?sekretariat(?:et|erne)?|formand(?:en|skabet)?|næstformand(?:en)?|tovholder(?:en|gruppen|ne)?|kommunen|regionen|kommune)$/;
const SKIPPED_ADVERBS = /^(?:også|fortsat|selv|herefter|derefter|gerne|nu|snarest)$/i;

/** The owners a sentence names before its verb: "Slagelse og sekretariatet følger op" → Slagelse, sekretariatet. */
function subjectOwners(before: string, forums: ForumMatcher): Owner[] {
  const words = before.trim().split(/\s+/).filter((w) => w !== '');
  const taken: string[] = [];
  let i = words.length - 1;
  while (i >= 0 && SKIPPED_ADVERBS.test(words[i])) i--;
  for (; i >= 0 && taken.length < 8; i--) {
    const word = words[i].replace(/[,;:]+$/, '');
    if (/^og$/i.test(word)) {
      taken.unshift('og');
      continue;
    }
    if (OWNER_STOP.test(word) || !OWNER_WORD.test(word)) break;
    taken.unshift(word);
  }
  return taken
    .join(' ')
    .split(/\s*\bog\b\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((owner) => toOwner(owner, forums));
}

const MUNICIPALITIES = [
  'Faxe', 'Greve', 'Guldborgsund', 'Holbæk', 'Kalundborg', 'Køge', 'Lejre', 'Lolland', 'Næstved', 'Odsherred',
  'Ringsted', 'Roskilde', 'Slagelse', 'Solrød', 'Sorø', 'Stevns', 'Vordingborg',
];
const EXTERNAL =
  /^(?:KL|KORA|VIVE|Socialstyrelsen|Social-\s?og\s+Boligstyrelsen|Socialtilsyn\s+Øst|STØ|Socialtilsynet|Ankestyrelsen|Sundhedsstyrelsen|Region\s+Sjælland|Regionen|Socialministeriet|Ministeriet|Styrelsen)$/i;

export function toOwner(raw: string, forums: ForumMatcher): Owner {
  const name = raw.trim().replace(/[.,;:]+$/, '');
  if (/^(?:rammeaftale)?sekretariat(?:et|erne)?$/i.test(name)) return { kind: 'secretariat', name: 'Sekretariatet' };
  const municipality = MUNICIPALITIES.find((m) => new RegExp(`^${m}(?:\\s+kommune)?$`, 'i').test(name));
  if (municipality) return { kind: 'municipality', name: `${municipality} Kommune` };
  const forum = forums.mentions(name)[0];
  if (forum && forum.text.length === name.length) return { kind: 'forum', name: forums.name(forum.forumId), forumId: forum.forumId };
  if (EXTERNAL.test(name)) return { kind: 'external', name };
  if (/^[A-ZÆØÅ][a-zæøåé]+(?:[- ][A-ZÆØÅ][a-zæøåé]+){1,3}$/.test(name)) return { kind: 'person', name };
  return { kind: 'other', name };
}

/** The due point of a follow-up, read from its clause, with the whole sentence for "forud for mødet". */
function findDue(clause: string, sentence: string, ctx: ClassifyContext, forwardForums: ForumMention[]): DuePoint | undefined {
  const fuzzy = findFuzzyDate(clause);
  if (fuzzy) {
    const resolved = resolveFuzzyDate(fuzzy, ctx.meetingDate);
    if (resolved) return { date: resolved.date, fuzzy: fuzzy.fuzzy, yearGuessed: resolved.yearGuessed ? true : undefined, text: fuzzy.text };
  }
  const before = BEFORE_MEETING.exec(clause);
  if (before) {
    const other = forwardForums[0] ?? otherForums(sentence, ctx)[0];
    return { beforeMeetingOfForumId: other?.forumId ?? ctx.ownForumId, text: before[0] };
  }
  const next = nextMeetingWords(ctx).exec(clause);
  if (next) {
    const named = ctx.forums.mentions(next[0])[0]?.forumId;
    return { nextMeeting: true, forumId: named ?? ctx.ownForumId, text: next[0] };
  }
  const dated = findDates(clause)[0];
  const resolved = dated ? resolveDate(dated, ctx.meetingDate, 'not-before') : undefined;
  if (dated && resolved) return { date: resolved.date, yearGuessed: resolved.yearGuessed ? true : undefined, text: dated.text };
  const atForum = otherForums(clause, ctx)[0];
  if (atForum) return { nextMeeting: true, forumId: atForum.forumId, text: atForum.text };
  return undefined;
}

/** Forums named in the text other than our own and other than a recipient of "deles med X". */
function otherForums(text: string, ctx: ReadingContext): ForumMention[] {
  return ctx.forums
    .mentions(text)
    .filter((m) => m.forumId !== ctx.ownForumId && !/\bmed\s+$/i.test(text.slice(Math.max(0, m.index - 6), m.index)));
}
