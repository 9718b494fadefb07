import { loadForums } from '@app/config';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseMinutes } from './minutes-parser';
import type { ParseOptions } from './review-report';
import { formatParseError, formatReviewReport } from './review-report.format';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const shipped: ParseOptions = { forums: loadForums(path.join(__dirname, '../../../config/forums.json')), timeZone: 'Europe/Copenhagen' };

function formatted(name: string, options: Partial<ParseOptions> = {}): string {
  const parsed = { ...shipped, ...options };
  const result = parseMinutes(fixture(name), parsed);
  if (!result.ok) throw new Error(result.error.message);
  return formatReviewReport(result.report, parsed.forums);
}

describe('formatReviewReport', () => {
  it('shows the meeting, each item with its events and their lines, in Danish', () => {
    const text = formatted('koordinationsforum.txt');
    expect(text).toContain('Referat: Styregruppen, 10/10-2025 kl. 10.00-13.00');
    expect(text).toContain('  2. Misbrug af tilskud på private botilbud  (linje 15-21)');
    expect(text).toContain('     Sendes videre til KL Koordinationsforum til beslutning (formål antaget) (linje 21)');
    expect(text).toContain(
      '     Opfølgning: Dagsorden deles med styregruppen forud for mødet – ansvarlig: Sekretariatet (antaget); frist: før næste møde i KL Koordinationsforum (linje 21)',
    );
    expect(text).toMatch(/Advarsler \(4\):\n {2}linje 13: /);
  });

  it('lists the meetings to schedule with where they came from', () => {
    const text = formatted('meetings.txt');
    expect(text).toContain(
      '  Styregruppen 28/11-2025 kl. 09.00-12.00 – Kl. 9-10 formøde i formandskabet; Kl. 10-12 ordinært styregruppemøde (afbud: Lejre) [Næste møde og Mødekalender, linje 16, 21, 24, årstal antaget]',
    );
    expect(text).toContain('  KKR Sjælland 27/1-2026 – Konstituerende møde [Mødekalender, linje 17]');
  });

  it('lists every sentence it could not classify, with the reason where there is one', () => {
    const text = formatted('decided.txt');
    expect(text).toContain('Sætninger der ikke kunne klassificeres (1):\n  linje 14, punkt 1: Der var enighed om at invitere oplægsholdere');
  });

  it('shows postponements, people and the date source', () => {
    expect(formatted('postponed.txt')).toContain('Udsat til mødet 14/11-2025 i Styregruppen, besluttet under punkt 1 (linje 11-12)');
    const other = formatted('other-year.txt');
    expect(other).toContain('Deltagere (3): Jens Madsen, Holbæk Kommune; Lone Berg, Næstved Kommune; Karin Lund, Rammeaftalesekretariatet');
    expect(other).toContain('Afbud (1): Ole Friis, Sorø Kommune');
  });

  it('prints the names the forums list gives, and the meeting\'s own clock in any time zone', () => {
    const forums = shipped.forums.map((forum) => (forum.id === 'kl-koordinationsforum' ? { ...forum, name: 'KL’s Koordinationsforum' } : forum));

    const text = formatted('koordinationsforum.txt', { forums, timeZone: 'Europe/London' });

    expect(text).toContain('Referat: Styregruppen, 10/10-2025 kl. 10.00-13.00');
    expect(text).toContain('     Sendes videre til KL’s Koordinationsforum til beslutning (formål antaget) (linje 21)');
  });
});

describe('formatParseError', () => {
  it('says that nothing was imported, and why', () => {
    const result = parseMinutes('', shipped);
    if (result.ok) throw new Error('expected an error');
    expect(formatParseError(result.error)).toBe('Referatet blev ikke importeret: Teksten er tom.\n');
    expect(formatParseError({ code: 'minutes.several_minutes', message: 'To referater.', line: 40 })).toBe(
      'Referatet blev ikke importeret: To referater. (linje 40)\n',
    );
  });
});
