import type { Forum } from '@app/domain';

/**
 * The review report: everything the import would append, with the source lines it came from, plus what it
 * could not classify and what it guessed. Other tools read its JSON form (`--json`), so the fields named in
 * the issue keep their names and meanings; every other field is additive.
 *
 * Conventions: line numbers are 1-based in the source text; dates are `YYYY-MM-DD`; times are ISO 8601 with
 * the offset the meetings' time zone has on that day (`2025-08-08T11:00:00+02:00` in Europe/Copenhagen).
 */

/**
 * A forum as the parser knows it: the id the report uses, the name it prints, the aliases the text is searched
 * for (the name counts too), and the parent, whose meetings the Mødekalender lists beside the forum's own.
 */
export type MinutesForum = Pick<Forum, 'id' | 'name' | 'aliases' | 'parentId'>;

export type ItemOutcome = 'approved' | 'noted' | 'decided' | 'postponed' | 'none';
export type ForwardPurpose = 'decision' | 'information';
export type ItemKind = 'decision' | 'discussion' | 'information';
export type FuzzyWord = 'primo' | 'medio' | 'ultimo';

export interface ParseOptions {
  /** The forums the minutes may name; only these are recognised. The first is the default forum of the minutes. */
  forums: readonly MinutesForum[];
  /** IANA name of the time zone the meetings are held in, e.g. 'Europe/Copenhagen': the clock times of the text. */
  timeZone: string;
  /**
   * The forum whose minutes these are, one of `forums`. Default: the one forum the title names, else the first
   * of `forums` (a warning says so).
   */
  forumId?: string;
  /** `YYYY-MM-DD`, used where the minutes have no date line. */
  meetingDate?: string;
  /** Items of meetings imported before, to link "(udsat fra 2/5)" to the earlier case. */
  earlierMeetings?: EarlierMeeting[];
  /** Longest text accepted, in UTF-16 code units. Default MAX_MINUTES_LENGTH. */
  maxLength?: number;
  /** What reading the file said (its format, its encoding): repeated in the report's notes. */
  sourceNotes?: string[];
}

export interface EarlierMeeting {
  date: string;
  /** Defaults to the forum of the minutes being parsed. */
  forumId?: string;
  items: Array<{ number: number; part?: string; title: string }>;
}

export type ParseResult = { ok: true; report: ReviewReport } | { ok: false; error: ParseError };

export type ParseErrorCode =
  | 'minutes.empty'
  | 'minutes.not_text'
  | 'minutes.too_large'
  | 'minutes.no_items'
  | 'minutes.several_minutes'
  | 'minutes.missing_meeting_date'
  | 'minutes.invalid_option'
  | 'minutes.internal'
  | 'minutes.unsupported_file'
  | 'minutes.unreadable_file';

export interface ParseError {
  code: ParseErrorCode;
  /** In Danish, for the person running the import. */
  message: string;
  line?: number;
}

export interface ReviewReport {
  meeting: ReportMeeting;
  participants: Person[];
  absent: Person[];
  /** Guests (Gæster): present, not members. */
  guests: Person[];
  items: ReportItem[];
  /** Meetings to schedule: from "Næste møde" and from the Mødekalender; the meeting itself is left out. */
  meetings: ScheduledMeeting[];
  /** Decision sentences that yielded no event and are not recognised as discussion: a person must look. */
  unclassified: UnclassifiedSentence[];
  warnings: ReportWarning[];
  /**
   * How the text was read where it took more than reading it (an agenda list matched, words joined across
   * lines, page marks removed, items without a decision): for a person to check. Absent when there is none.
   */
  notes?: ReportNote[];
  /** Number of lines in the source, so a reader can check every line reference. */
  lineCount: number;
}

export type NoteCode =
  | 'source'
  | 'agenda-list'
  | 'agenda-title-differs'
  | 'heading-inferred'
  | 'words-joined'
  | 'links-joined'
  | 'page-marks-removed'
  | 'no-decision'
  | 'standing-items';

export interface ReportNote {
  code: NoteCode;
  /** In Danish, for the person reviewing the import. */
  message: string;
  lines?: number[];
}

export interface ReportMeeting {
  date: string;
  startsAt?: string;
  endsAt?: string;
  place?: string;
  forumId: string;
  minuteTaker?: Person;
  /** 'text' when the minutes carry a date line, 'option' when it came from `meetingDate`. */
  dateSource: 'text' | 'option';
  lines: number[];
}

export interface Person {
  name: string;
  title?: string;
  organisation?: string;
  /** The chair (formand) of the forum. */
  chair?: true;
  line: number;
}

export interface ReportItem {
  number: number;
  /** Sub-item letter, as in "4 A)": each part is its own case. */
  part?: string;
  title: string;
  /** The title of the numbered item a part belongs to. */
  parentTitle?: string;
  /** The group of the agenda list the item stands under ("Punkter til orientering"). */
  agendaGroup?: string;
  lines: [number, number];
  kind?: ItemKind;
  summary?: string;
  recommendation: string[];
  decisionBullets: string[];
  /** Bullets under "Drøftelse". */
  discussion: string[];
  background?: string;
  attachments: Attachment[];
  outcome: ItemOutcome;
  /** The lines of the sentence(s) that gave the outcome. */
  outcomeLines?: number[];
  decisionText?: string;
  postponedTo?: Postponement;
  returnsNextMeeting?: true;
  returnsNextMeetingLines?: number[];
  forwardedTo: Forward[];
  followUps: FollowUp[];
  /** Set only when the earlier case was found among `earlierMeetings`. */
  continues?: { meetingDate: string; itemNumber: number; part?: string; title: string; lines: number[] };
  /** What the title says ("(udsat fra 2/5)"), linked or not. */
  continuesFrom?: { meetingDate: string; yearGuessed?: true; lines: number[] };
  /** Decision sentences recognised as discussion or reported speech: no event, listed so none is lost. */
  remarks: SourceText[];
  /**
   * A standing item (approval of the agenda, "Nyt fra K17 og KKR", "Evt.", "Næste møde", the recurring status on
   * the focus areas), known by its title: its case is marked so that lists show the matters first. Its outcome
   * and what it sends on are read as in any item.
   */
  standing?: true;
}

export interface SourceText {
  text: string;
  lines: number[];
}

export interface Attachment {
  title: string;
  url?: string;
  line: number;
}

export interface Postponement {
  /** The named meeting it moves to. */
  meetingDate?: string;
  /** "til næste møde" without a date: the forum's next meeting, whichever that is. */
  next?: true;
  /** The forum of that meeting; the minutes' own forum unless the text names another. */
  forumId: string;
  startsAt?: string;
  endsAt?: string;
  /** Set when another item's decision postponed this one (item 1: "punkt 3 ... udsættes"). */
  byItemNumber?: number;
  yearGuessed?: true;
  lines: number[];
}

export interface Forward {
  forumId: string;
  purpose: ForwardPurpose;
  /** The text did not say "til orientering" or "til beslutning"; the purpose follows the item's outcome. */
  purposeGuessed?: true;
  lines: number[];
}

export type OwnerKind = 'secretariat' | 'municipality' | 'person' | 'forum' | 'external' | 'other';

export interface Owner {
  kind: OwnerKind;
  name: string;
  forumId?: string;
}

export interface FollowUp {
  description: string;
  /** 'awaiting' is an answer expected from an outside body; 'action' is work for one of ours. */
  kind: 'action' | 'awaiting';
  owners: Owner[];
  /** No owner in the text: the secretariat, which chases follow-ups, was put in. */
  ownerGuessed?: true;
  due?: DuePoint;
  lines: number[];
}

/**
 * When a follow-up is due. At most one of `date`, `nextMeeting`, `beforeMeetingOfForumId` leads:
 * - `date` (+ `fuzzy`): a day. A fuzzy word resolves to a fixed day of its period: primo = the 1st,
 *   medio = the 15th, ultimo = the last day of the month; of a year: 1 January, 30 June, 31 December.
 * - `nextMeeting`: at the next meeting of `forumId` ("på næste styregruppemøde", "på møde i økonomigruppen").
 * - `beforeMeetingOfForumId`: before the next meeting of that forum ("forud for mødet").
 */
export interface DuePoint {
  date?: string;
  fuzzy?: FuzzyWord;
  nextMeeting?: true;
  forumId?: string;
  beforeMeetingOfForumId?: string;
  yearGuessed?: true;
  /** The words it was read from. */
  text: string;
}

export interface ScheduledMeeting {
  forumId: string;
  date: string;
  startsAt?: string;
  endsAt?: string;
  /** E.g. "Konstituerende møde", or the parts of the day ("Kl. 9-10 fælles møde ..."). */
  note?: string;
  sources: Array<'calendar' | 'next-meeting'>;
  yearGuessed?: true;
  /** Absences announced for that meeting ("Der er afbud fra Slagelse til styregruppemødet 19/9"). */
  absent?: Array<{ name: string; line: number }>;
  lines: number[];
}

export interface UnclassifiedSentence {
  /** First line of the sentence. */
  line: number;
  lines: number[];
  text: string;
  itemNumber?: number;
  part?: string;
  /** Why it was not turned into an event, where there is more to say than "no known phrase". */
  reason?: string;
}

export type WarningCode =
  | 'year-guessed'
  | 'forum-assumed'
  | 'purpose-guessed'
  | 'owner-guessed'
  | 'outcome-inferred'
  | 'outcome-conflict'
  | 'date-conflict'
  | 'person-conflict'
  | 'continues-unlinked'
  | 'item-missing'
  | 'item-number-gap'
  | 'recipient-without-forum'
  | 'postponement-target-guessed'
  | 'agenda-mismatch';

export interface ReportWarning {
  code: WarningCode;
  /** In Danish, for the person reviewing the import. */
  message: string;
  line?: number;
}
