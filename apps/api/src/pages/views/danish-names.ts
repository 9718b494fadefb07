import { CaseKind, CaseStatus, DecisionOutcome, ForwardPurpose } from '@app/domain';
import { CaseStage } from '@app/read-side';

/** What the pages call the domain's values, in the glossary's words; one list, so every page says the same. */
export const KIND_NAMES: Record<CaseKind, string> = { decision: 'beslutning', information: 'orientering', discussion: 'drøftelse' };
export const CASE_STATUS_NAMES: Record<CaseStatus, string> = { open: 'Åben', withdrawn: 'Trukket tilbage', closed: 'Lukket' };
export const STAGE_NAMES: Record<CaseStage, string> = { waiting: 'Venter på et møde', scheduled: 'På en dagsorden', decided: 'Besluttet', withdrawn: 'Trukket tilbage', closed: 'Lukket' };
export const OUTCOME_NAMES: Record<DecisionOutcome, string> = { approved: 'godkendt', noted: 'taget til efterretning', rejected: 'afvist', decided: 'besluttet' };
export const PURPOSE_NAMES: Record<ForwardPurpose, string> = { decision: 'til beslutning', information: 'til orientering' };
export const FOLLOW_UP_STATUS_NAMES: Record<string, string> = { open: 'åben', done: 'udført', cancelled: 'annulleret' };

/** "åben" → "Åben", where a name opens a line. */
export const capitalised = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
