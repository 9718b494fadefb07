import { blockText, stripMarkup, toBlocks, type TextBlock } from './minutes-text';
import type { SectionLine } from './minutes-structure';
import type { Attachment } from './review-report';

/**
 * Attachments of an item: the entries under "Bilag", "Bilag: ..." written inside other text, and every link
 * in the item. Exports repeat links on lines of their own after the list, and a PDF export can cut a link in
 * two: a link that extends one already found replaces it, a bare link goes to the entry just above that has
 * none, or to the entry whose words its path spells.
 */

const URL = /https?:\/\/[^\s<>"'\]]{1,2000}/g;
const MARKDOWN_LINK = /\[([^\]]{1,300})\]\(([^)\s]{0,2000})\)/g;
const INLINE_BILAG = /\bbilag\s{0,2}[*_]{0,2}\s{0,2}:+\s{0,2}[*_]{0,2}\s{0,3}/gi;
const NEARBY_LINES = 3;

export interface AttachmentsRead {
  attachments: Attachment[];
  /** Paragraphs under "Bilag" that are background text, not attachments. */
  overflow: TextBlock[];
}

export function readAttachments(bilagLines: SectionLine[][], otherLines: SectionLine[]): AttachmentsRead {
  const attachments: Attachment[] = [];
  const overflow: TextBlock[] = [];

  for (const lines of bilagLines) {
    let inSection = 0;
    for (const block of toBlocks(lines)) {
      const text = blockText(block);
      const line = block.segments[0].line;
      const { title, urls } = splitLinks(text);
      if (title === '' && urls.length > 0) {
        for (const url of urls) placeUrl(attachments, url, line, '', true);
      } else if (title !== '' && (block.bullet || inSection === 0)) {
        attachments.push(compact({ title, url: urls[0], line }));
        inSection++;
      } else if (title !== '') {
        overflow.push(block);
      }
    }
  }

  for (const block of toBlocks(otherLines)) {
    const text = blockText(block);
    for (const mention of inlineBilag(text)) {
      const { title, urls } = splitLinks(mention);
      if (title !== '') attachments.push(compact({ title, url: urls[0], line: block.segments[0].line }));
    }
  }

  let lead: SectionLine | undefined;
  const nonBlank = otherLines.filter((l) => l.text.trim() !== '');
  for (const b of overflow) nonBlank.push(...b.segments);
  for (const l of nonBlank.sort((a, b) => a.line - b.line)) {
    if (l.text.length > 20_000) continue;
    for (const m of l.text.matchAll(URL)) {
      const url = trimUrl(m[0]);
      const before = stripMarkup(l.text.slice(0, m.index).replace(INLINE_BILAG, ''))
        .replace(/[<(\s:]+$/, '')
        .trim();
      // "Nyt fra K17 og KKR: Referat ...:" on one line and the link alone on the next: that line names it.
      const named = before === '' && lead && l.line - lead.line <= NEARBY_LINES && /:\s*$/.test(lead.text) ? lead.text : '';
      placeUrl(attachments, url, l.line, before || named, before === '' && named === '');
    }
    lead = l;
  }
  return { attachments, overflow };
}

function inlineBilag(text: string): string[] {
  const found: string[] = [];
  const starts = [...text.matchAll(INLINE_BILAG)].map((m) => (m.index ?? 0) + m[0].length);
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? text.lastIndexOf('ilag', starts[i + 1]) - 1 : text.length;
    found.push(text.slice(start, Math.max(start, end)));
  });
  return found;
}

/** A link the export cut after a "-" or "/" and wrapped: ".../referat-fra-kkr- marts.pdf". */
const CUT_URL = /(https?:\/\/[^\s<>"'\]]{1,2000}[-/_])\s+(?=[\w%&=-]{0,200}[./?=][\w.%?=&/-]{0,200}(?:\s|$))/g;

function splitLinks(text: string): { title: string; urls: string[] } {
  const urls: string[] = [];
  let rest = text.replace(CUT_URL, '$1').replace(MARKDOWN_LINK, (_all, label: string, target: string) => {
    if (/^https?:\/\//i.test(target)) urls.push(trimUrl(target));
    return label;
  });
  rest = rest.replace(URL, (url) => {
    urls.push(trimUrl(url));
    return ' ';
  });
  return { title: cleanTitle(rest), urls };
}

function cleanTitle(text: string): string {
  return stripMarkup(text.replace(INLINE_BILAG, ''))
    .replace(/<\s*>/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s:*•\-–]+|[\s:;,*•\-–]+$/g, '')
    .trim();
}

function trimUrl(url: string): string {
  return url.replace(/[.,;:)>]+$/, '');
}

function placeUrl(attachments: Attachment[], url: string, line: number, context: string, bare: boolean): void {
  const extended = attachments.find((a) => a.url !== undefined && url !== a.url && url.startsWith(a.url));
  if (extended) {
    extended.url = url;
    return;
  }
  if (attachments.some((a) => a.url !== undefined && a.url.startsWith(url))) return;
  // Only a link on a line of its own is taken as the link of the entry just above it.
  const nearby = bare
    ? [...attachments].reverse().find((a) => a.url === undefined && a.line <= line && line - a.line <= NEARBY_LINES)
      : undefined;
  const target = nearby ?? bestSlugMatch(attachments, url);
  if (target) {
    target.url = url;
    return;
  }
  attachments.push({ title: cleanTitle(context) || url, url, line });
}

/** A bare link belongs to the entry whose words its path spells: ".../taet-pa-socialtilsynet-arsrapporten-2024". */
function bestSlugMatch(attachments: Attachment[], url: string): Attachment | undefined {
  const urlWords = new Set(words(url.replace(/^https?:\/\/[^/]+/, '')));
  let best: Attachment | undefined;
  let bestScore = 1;
  for (const a of attachments) {
    if (a.url !== undefined) continue;
    const score = words(a.title).filter((w) => urlWords.has(w)).length;
    if (score > bestScore) {
      best = a;
      bestScore = score;
    }
  }
  return best;
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3);
}

function compact(a: Attachment): Attachment {
  return a.url === undefined ? { title: a.title, line: a.line } : a;
}
