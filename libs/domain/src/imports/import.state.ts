import { ImportEvent } from './import.events';

export type ImportState = { status: 'none' } | { status: 'reviewed' | 'started' | 'imported'; importId: string; digest?: string };

export const initialImportState = (): ImportState => ({ status: 'none' });

export const evolveImport = (state: ImportState, event: ImportEvent): ImportState => {
  switch (event.type) {
    case 'MinutesReviewed':
      return { status: 'reviewed', importId: event.data.importId, digest: event.data.digest };
    case 'MinutesImportStarted':
      return state.status === 'reviewed' ? { ...state, status: 'started' } : state;
    case 'MinutesImported':
      return state.status === 'none' ? state : { ...state, status: 'imported' };
  }
};
