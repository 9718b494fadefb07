import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const READ_MODEL_SNAPSHOT_FILE = Symbol('READ_MODEL_SNAPSHOT_FILE');

/**
 * The read models as they stood at a position of the log, so a restart catches up from there instead of
 * folding the whole log again. `lastEventId` ties it to one log: a snapshot of another log is not used.
 */
export interface ReadModelSnapshot {
  position: number;
  lastEventId: string;
  projections: Record<string, { version: number; entries: [string, unknown][] }>;
}

export const readSnapshot = (file: string): ReadModelSnapshot | undefined => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ReadModelSnapshot;
  } catch {
    return undefined;
  }
};

/** Written beside and renamed into place, so a crash mid-write leaves the previous snapshot whole. */
export const writeSnapshot = (file: string, snapshot: ReadModelSnapshot): void => {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(snapshot));
  renameSync(temporary, file);
};
