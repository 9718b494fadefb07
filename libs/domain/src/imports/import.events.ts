import { IsoDateTime } from '../shared/time';
import { PlannedStreamAppend } from './import.commands';

/** Minutes read and shown for review; the text is kept, so any copy of the API can commit the import. */
export type MinutesReviewed = {
  type: 'MinutesReviewed';
  data: {
    importId: string;
    /** Names the minutes with their options: the same text imported again has the same digest. Absent in imports of older versions. */
    digest?: string;
    text: string;
    forumId?: string;
    meetingDate?: string;
    fileName?: string;
    reviewedAt?: IsoDateTime;
  };
};

/** The plan of a commit on a store without a transaction across streams, made before its first append. */
export type MinutesImportStarted = {
  type: 'MinutesImportStarted';
  data: {
    importId: string;
    meetingId: string;
    appendedSteps: string[];
    steps: number;
    appends: PlannedStreamAppend[];
    startedAt: IsoDateTime;
  };
};

/** The import's plan was run; what it appended, or the import that brought the same minutes in before. */
export type MinutesImported = {
  type: 'MinutesImported';
  data: {
    importId: string;
    digest?: string;
    meetingId: string;
    importedBefore?: string;
    appended: number;
    already: number;
    /** Global position of the last event appended, for `?after=`. */
    position?: number;
    steps: number;
    importedAt?: IsoDateTime;
  };
};

export type ImportEvent = MinutesReviewed | MinutesImportStarted | MinutesImported;

export const importStreamId = (importId: string): string => `import-${importId}`;
