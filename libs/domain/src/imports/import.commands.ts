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

/** Events the plan will append to one stream, at the revision the stream had when the plan was made. */
export interface PlannedStreamAppend {
  streamId: string;
  /** Revision of the stream's last event before these, or `no_stream`. */
  expectedRevision: number | 'no_stream';
  events: { id: string; type: string; data: unknown; metadata: Record<string, unknown> }[];
}

/**
 * Where no transaction spans streams: the plan made before its first append, so that a commit cut short is
 * finished from it, and its report says what this import appended.
 */
export interface StartImportInput {
  importId: string;
  meetingId: string;
  /** The step keys whose events this import appends; the other steps found theirs in the log. */
  appendedSteps: string[];
  steps: number;
  appends: PlannedStreamAppend[];
}

export type ReviewMinutes = { type: 'ReviewMinutes'; importId: string; digest: string; now: IsoDateTime } & Omit<ReviewMinutesInput, 'importId'>;
export type RecordImport = { type: 'RecordImport'; now: IsoDateTime } & Omit<RecordImportInput, 'importId'>;

export type StartImport = { type: 'StartImport'; now: IsoDateTime } & Omit<StartImportInput, 'importId'>;
export type ImportCommand = ReviewMinutes | StartImport | RecordImport;
