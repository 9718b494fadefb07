import { AppendResult, ExpectedRevision, NewEvent, SqliteEventStore, StorageFullError } from '@app/event-store';

/** A disk that is full for the process manager's first appends, then has room again: a failure that passes (or, for ever, one that does not). */
export class FullForTheFirstReactions extends SqliteEventStore {
  failed = 0;
  constructor(file: string, private readonly failures: number) {
    super({ file });
  }

  override async append(streamId: string, events: NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    if (events[0]?.metadata?.userId === 'process-manager:case-scheduling' && this.failed < this.failures) {
      this.failed += 1;
      throw new StorageFullError('SQLITE_FULL', { message: 'database or disk is full' });
    }
    return super.append(streamId, events, options);
  }
}
