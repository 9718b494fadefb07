import { specFor } from '../shared/decider.testing';
import { RecordImport, ReviewMinutes, StartImport } from './import.commands';
import { importDecider } from './import.decider';
import { MinutesImported, MinutesImportStarted, MinutesReviewed } from './import.events';

const given = specFor(importDecider);

const importId = '2b7c1f0e-0d5a-4c55-9a7e-8f1d2c3b4a59';
const digest = '5e1f0b7c9a2d4e6f8a0b1c2d3e4f5a6b';
const text = 'Referat af møde i Styregruppen\nDato: 19. september 2025, kl. 12-15\n\n1. Godkendelse af dagsorden\n';

const review: ReviewMinutes = {
  type: 'ReviewMinutes',
  importId,
  digest,
  text,
  meetingDate: '2025-09-19',
  fileName: 'styregruppe-2025-09-19-referat.txt',
  now: '2026-11-25T09:00:00+01:00',
};
const reviewed: MinutesReviewed = {
  type: 'MinutesReviewed',
  data: { importId, digest, text, meetingDate: '2025-09-19', fileName: 'styregruppe-2025-09-19-referat.txt', reviewedAt: '2026-11-25T09:00:00+01:00' },
};
const record: RecordImport = {
  type: 'RecordImport',
  meetingId: 'styregruppen-2025-09-19',
  appended: 43,
  already: 2,
  position: 118,
  steps: 45,
  now: '2026-11-25T09:05:00+01:00',
};
const imported: MinutesImported = {
  type: 'MinutesImported',
  data: { importId, digest, meetingId: 'styregruppen-2025-09-19', appended: 43, already: 2, position: 118, steps: 45, importedAt: '2026-11-25T09:05:00+01:00' },
};

describe('import decider', () => {
  describe('when none', () => {
    it('keeps the minutes for review, with their digest', () => {
      given([]).when(review).then([reviewed]);
    });
    it('refuses to record a run of an import that was never reviewed', () => {
      given([]).when(record).thenRefuses('import.not_found', 'not_found');
    });
  });

  describe('when reviewed', () => {
    it('records what the run appended', () => {
      given([reviewed]).when(record).then([imported]);
    });
    it('records a run that found the same minutes imported before', () => {
      given([reviewed])
        .when({ ...record, importedBefore: 'c0ffee00-0000-4000-8000-000000000001', appended: 0, already: 45, position: undefined })
        .then([{ type: 'MinutesImported', data: { ...imported.data, importedBefore: 'c0ffee00-0000-4000-8000-000000000001', appended: 0, already: 45, position: undefined } }]);
    });
    it('refuses to review it again', () => {
      given([reviewed]).when(review).thenRefuses('import.already_exists');
    });
  });

  describe('when started stream by stream', () => {
    const start: StartImport = { type: 'StartImport', meetingId: 'styregruppen-2025-09-19', appendedSteps: ['step-1'], steps: 2, appends: [], now: '2026-11-25T09:04:00+01:00' };
    const started: MinutesImportStarted = {
      type: 'MinutesImportStarted',
      data: { importId, meetingId: 'styregruppen-2025-09-19', appendedSteps: ['step-1'], steps: 2, appends: [], startedAt: '2026-11-25T09:04:00+01:00' },
    };
    it('records the plan once it is reviewed', () => {
      given([reviewed]).when(start).then([started]);
    });
    it('refuses a second plan', () => {
      given([reviewed, started]).when(start).thenRefuses('import.started');
    });
    it('records what the finished plan appended', () => {
      given([reviewed, started]).when(record).then([imported]);
    });
    it('refuses a plan once imported', () => {
      given([reviewed, started, imported]).when(start).thenRefuses('import.committed');
    });
  });

  describe('when imported', () => {
    it('refuses to record a second run', () => {
      given([reviewed, imported]).when(record).thenRefuses('import.committed');
    });
  });

  describe('when reviewed by a version that kept no digest', () => {
    it('records the run without one', () => {
      const { digest: _digest, reviewedAt: _reviewedAt, ...older } = reviewed.data;
      given([{ type: 'MinutesReviewed', data: older }])
        .when(record)
        .then([{ type: 'MinutesImported', data: { ...imported.data, digest: undefined } }]);
    });
  });
});
