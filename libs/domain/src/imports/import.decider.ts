import { assertNever, Decider, Decision, isRefused, refuse, Refusal, refuseAsNotFound } from '../shared/decider';
import { ImportCommand } from './import.commands';
import { ImportEvent } from './import.events';
import { evolveImport, ImportState, initialImportState } from './import.state';

/** Only a reviewed import, not yet imported, may be run (or its started plan finished): the import run asks before it runs a plan. */
export const refuseUnlessReviewed = (state: ImportState): Refusal | Exclude<ImportState, { status: 'none' }> => {
  switch (state.status) {
    case 'none':
      return refuseAsNotFound('import.not_found', 'Importen findes ikke.');
    case 'imported':
      return refuse('import.committed', 'Referatet er allerede importeret.');
    case 'reviewed':
    case 'started':
      return state;
  }
};

/** An import is reviewed once, then imported once: reviewed → imported, or reviewed → started → imported. */
export const decideImport = (command: ImportCommand, state: ImportState): Decision<ImportEvent> => {
  switch (command.type) {
    case 'ReviewMinutes': {
      if (state.status !== 'none') return refuse('import.already_exists', 'Importen findes allerede.');
      const { importId, digest, text, forumId, meetingDate, fileName, now } = command;
      return [{ type: 'MinutesReviewed', data: { importId, digest, text, forumId, meetingDate, fileName, reviewedAt: now } }];
    }
    case 'StartImport': {
      const reviewed = refuseUnlessReviewed(state);
      if (isRefused(reviewed)) return reviewed;
      if (reviewed.status === 'started') return refuse('import.started', 'Importen er allerede i gang.');
      const { meetingId, appendedSteps, steps, appends, now } = command;
      return [{ type: 'MinutesImportStarted', data: { importId: reviewed.importId, meetingId, appendedSteps, steps, appends, startedAt: now } }];
    }
    case 'RecordImport': {
      const reviewed = refuseUnlessReviewed(state);
      if (isRefused(reviewed)) return reviewed;
      const { meetingId, importedBefore, appended, already, position, steps, now } = command;
      return [
        {
          type: 'MinutesImported',
          data: { importId: reviewed.importId, digest: reviewed.digest, meetingId, importedBefore, appended, already, position, steps, importedAt: now },
        },
      ];
    }
    default:
      return assertNever(command);
  }
};

export const importDecider: Decider<ImportCommand, ImportEvent, ImportState> = {
  initialState: initialImportState,
  evolve: evolveImport,
  decide: decideImport,
};
