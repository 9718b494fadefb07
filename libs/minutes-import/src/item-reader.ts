import { groupKind } from './agenda-list';
import { readAttachments } from './attachment-reader';
import { classifySentence, type FollowUpFinding, type OutcomeFinding, type PostponementFinding, type ReadingContext } from './phrase-classifier';
import { blockText, splitSentences, toBlocks, type TextBlock } from './minutes-text';
import { isRecommendationLead, type RawItem, type SectionKind, type SectionLine } from './minutes-structure';
import type { FollowUp, ForwardPurpose, ItemKind, ReportItem, SourceText, UnclassifiedSentence } from './review-report';

/**
 * One agenda item's sections read into text, and its decision and discussion sentences classified. What an
 * item does to another item (item 1 postponing item 3) is returned for the parser to apply.
 */

export interface SentenceRef {
  text: string;
  lines: number[];
}

export interface ForwardDraft {
  forumId: string;
  purpose?: ForwardPurpose;
  lines: Set<number>;
  otherRecipients: Set<string>;
}

/** The sections of an item as the report shows them, before its sentences are classified. */
export interface ItemDraft extends Pick<ReportItem, 'kind' | 'summary' | 'recommendation' | 'decisionBullets' | 'discussion' | 'background' | 'attachments'> {
  raw: RawItem;
  outcomes: Array<SentenceRef & { finding: OutcomeFinding }>;
  postponements: Array<SentenceRef & { finding: PostponementFinding; byItemNumber?: number }>;
  forwards: ForwardDraft[];
  followUps: Array<SentenceRef & { finding: FollowUpFinding }>;
  returnsNextMeeting: SentenceRef[];
  eventSentences: SentenceRef[];
  remarks: SourceText[];
  unclassified: UnclassifiedSentence[];
}

/** "STØ nævnte følgende indledningsvis:": the bullets after it are what STØ said, not decisions. */
const SPEECH_INTRO = /\b(?:nævnte|fortalte|oplyste|orienterede|fremhævede|præsenterede)\b[^:]{0,80}:\s*$/i;

export function readItem(raw: RawItem, ctx: ReadingContext): ItemDraft {
  const linesOf = (...kinds: SectionKind[]) => raw.sections.filter((s) => kinds.includes(s.kind)).map((s) => s.lines);
  const flat = (groups: SectionLine[][]) => {
    // Array.prototype.flat is slow on the millions of lines of a large file; a plain loop is not.
    const out: SectionLine[] = [];
    for (const group of groups) for (const line of group) out.push(line);
    return out;
  };

  const { attachments, overflow } = readAttachments(
    linesOf('attachments'),
    flat(linesOf('preface', 'summary', 'recommendation', 'decision', 'discussion', 'background')),
  );
  const recommendationBlocks = toBlocks(flat(linesOf('recommendation')));
  const decisionBlocks = toBlocks(flat(linesOf('decision')));
  const discussionBlocks = toBlocks(flat(linesOf('discussion')));
  const backgroundBlocks = [...toBlocks(flat(linesOf('background'))), ...overflow];

  const draft: ItemDraft = {
    raw,
    summary: joinOrUndefined(toBlocks(flat(linesOf('summary', 'preface'))).map(blockText), ' '),
    recommendation: recommendationTexts(recommendationBlocks),
    decisionBullets: decisionBlocks.map(blockText).filter((t) => t !== ''),
    discussion: discussionBlocks.map(blockText).filter((t) => t !== ''),
    background: joinOrUndefined(backgroundBlocks.map(blockText), '\n'),
    attachments,
    outcomes: [],
    postponements: [],
    forwards: [],
    followUps: [],
    returnsNextMeeting: [],
    eventSentences: [],
    remarks: [],
    unclassified: [],
  };
  draft.kind = itemKind(raw.title, draft.recommendation) ?? groupKind(raw.agendaGroup);

  classifyBlocks(draft, decisionBlocks, false, ctx);
  classifyBlocks(draft, discussionBlocks, true, ctx);
  // Older minutes often write an item as one text with no section at all: what was said and what was decided.
  // "Næste møde" is read for the meetings it names, not for decisions.
  if (raw.sections.length > 0 && raw.sections.every((s) => s.kind === 'preface') && !/^næste\s+møde\b/i.test(raw.title)) {
    classifyBlocks(draft, toBlocks(flat(linesOf('preface'))), true, ctx);
  }
  return draft;
}

function classifyBlocks(draft: ItemDraft, blocks: TextBlock[], discussion: boolean, ctx: ReadingContext): void {
  let reportedSpeech = false;
  const seenFollowUps = new Set(draft.followUps.map((f) => f.finding.description));
  for (const block of blocks) {
    if (!block.bullet) reportedSpeech = SPEECH_INTRO.test(blockText(block));
    for (const sentence of splitSentences(block.segments)) {
      const c = classifySentence(sentence.text, { ...ctx, discussion: discussion || (reportedSpeech && block.bullet) });
      const ref: SentenceRef = { text: sentence.text, lines: sentence.lines };
      if (c.findings.length === 0) {
        if (c.remark) draft.remarks.push(ref);
        else draft.unclassified.push(unclassified(draft.raw, ref, c.reason));
        continue;
      }
      draft.eventSentences.push(ref);
      for (const f of c.findings) {
        switch (f.kind) {
          case 'outcome':
            draft.outcomes.push({ ...ref, finding: f });
            break;
          case 'postponement':
            draft.postponements.push({ ...ref, finding: f });
            break;
          case 'forward':
            for (const forumId of f.forumIds) addForward(draft, forumId, f.purposes?.[forumId] ?? f.purpose, ref.lines, f.otherRecipients);
            break;
          case 'follow-up':
            if (!seenFollowUps.has(f.description)) {
              seenFollowUps.add(f.description);
              draft.followUps.push({ ...ref, finding: f });
            }
            break;
          case 'returns-next-meeting':
            draft.returnsNextMeeting.push(ref);
            break;
          case 'meeting':
            break;
          default: {
            const never: never = f;
            return never;
          }
        }
      }
    }
  }
}

function addForward(draft: ItemDraft, forumId: string, purpose: ForwardPurpose | undefined, lines: number[], others: string[]): void {
  let forward = draft.forwards.find((f) => f.forumId === forumId);
  if (!forward) {
    forward = { forumId, purpose, lines: new Set(), otherRecipients: new Set() };
    draft.forwards.push(forward);
  }
  forward.purpose ??= purpose;
  for (const line of lines) forward.lines.add(line);
  for (const other of others) forward.otherRecipients.add(other);
}

function unclassified(raw: RawItem, ref: SentenceRef, reason: string | undefined): UnclassifiedSentence {
  const u: UnclassifiedSentence = { line: ref.lines[0], lines: ref.lines, text: ref.text, itemNumber: raw.number };
  if (raw.part) u.part = raw.part;
  if (reason) u.reason = reason;
  return u;
}

/** "Det indstilles:" alone is a lead; "Det indstilles: At styregruppen ..." keeps what follows the colon. */
function recommendationTexts(blocks: TextBlock[]): string[] {
  const texts: string[] = [];
  for (const block of blocks) {
    let text = blockText(block);
    if (isRecommendationLead(text)) {
      const colon = text.indexOf(':');
      if (colon < 0) {
        texts.push(text);
        continue;
      }
      text = text.slice(colon + 1).trim();
    }
    if (text !== '') texts.push(text);
  }
  return texts;
}

function itemKind(title: string, recommendation: string[]): ItemKind | undefined {
  const text = recommendation.join(' ');
  if (/\bgodkend|\bbeslut|\btiltræd|\bvideresend|\bvedtag/i.test(text) || /^godkendelse\b/i.test(title)) return 'decision';
  if (/\bdrøft/i.test(text)) return 'discussion';
  if (/\borientering|\befterretning/i.test(text) || /orientering/i.test(title)) return 'information';
  return undefined;
}

function joinOrUndefined(parts: string[], separator: string): string | undefined {
  const kept = parts.filter((p) => p !== '');
  return kept.length > 0 ? kept.join(separator) : undefined;
}

export function followUpFrom(ref: SentenceRef & { finding: FollowUpFinding }): FollowUp {
  const f = ref.finding;
  const followUp: FollowUp = { description: f.description, kind: f.followUpKind, owners: f.owners, lines: ref.lines };
  if (f.ownerGuessed) followUp.ownerGuessed = true;
  if (f.due) followUp.due = f.due;
  return followUp;
}
