import { assertNever, Decider, Decision, refuse, refuseAsNotFound } from '../shared/decider';
import { ImportCommand } from './import.commands';
import { ImportEvent } from './import.events';
import { evolveImport, ImportState, initialImportState } from './import.state';

/** An import is reviewed once, then imported once: reviewed → imported. */
export const decideImport = (command: ImportCommand, state: ImportState): Decision<ImportEvent> => {
  switch (command.type) {
    case 'ReviewMinutes': {
      if (state.status !== 'none') return refuse('import.already_exists', 'Importen findes allerede.');
      const { importId, digest, text, forumId, meetingDate, fileName, now } = command;
      return [{ type: 'MinutesReviewed', data: { importId, digest, text, forumId, meetingDate, fileName, reviewedAt: now } }];
    }
    case 'RecordImport': {
      if (state.status === 'none') return refuseAsNotFound('import.not_found', 'Importen findes ikke.');
      if (state.status === 'imported') return refuse('import.committed', 'Referatet er allerede importeret.');
      const { meetingId, importedBefore, appended, already, position, steps, now } = command;
      return [
        {
          type: 'MinutesImported',
          data: { importId: state.importId, digest: state.digest, meetingId, importedBefore, appended, already, position, steps, importedAt: now },
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
