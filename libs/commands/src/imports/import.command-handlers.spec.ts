import { minutesDigest } from './import.command-handlers';

/** The import recognises minutes it has read before by the digest kept in the log, also those read before an upgrade. */
describe('the digest of minutes', () => {
  const text = 'Referat af mødet i Styregruppen 12. december 2025';

  it('is the one earlier releases gave the same minutes, read with the same forum and meeting date', () => {
    expect(minutesDigest(text, 'styregruppen', '2025-12-12')).toBe('928d04af8800ac68d639bca5fbaef43a');
    expect(minutesDigest(text)).toBe('4fd3370bdf4667242c5ccaa288ef30e0');
  });

  it('differs for other text, another forum or another meeting date', () => {
    const digests = [
      minutesDigest(text, 'styregruppen', '2025-12-12'),
      minutesDigest(`${text}.`, 'styregruppen', '2025-12-12'),
      minutesDigest(text, 'k17', '2025-12-12'),
      minutesDigest(text, 'styregruppen', '2026-01-30'),
      minutesDigest(text, undefined, '2025-12-12'),
      minutesDigest(text, 'styregruppen'),
    ];
    expect(new Set(digests).size).toBe(digests.length);
  });
});
