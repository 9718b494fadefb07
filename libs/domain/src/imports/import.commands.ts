import { IsoDateTime } from '../shared/time';

/** What callers send: the API's body and the command line's file share it. */
export interface ReviewMinutesInput {
  /** Else a new id. */
  importId?: string;
  text: string;
  forumId?: string;
  meetingDate?: string;
  fileName?: string;
}

/** What the import's run reports back once its plan has been run. */
export interface RecordImportInput {
  importId: string;
  meetingId: string;
  importedBefore?: string;
  appended: number;
  already: number;
  position?: number;
  steps: number;
}

export type ReviewMinutes = { type: 'ReviewMinutes'; importId: string; digest: string; now: IsoDateTime } & Omit<ReviewMinutesInput, 'importId'>;
export type RecordImport = { type: 'RecordImport'; now: IsoDateTime } & Omit<RecordImportInput, 'importId'>;

export type ImportCommand = ReviewMinutes | RecordImport;
