import { MinutesImports } from '@app/workflows';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

/**
 * The API commits imports, so the API finishes one a crash cut short (on EventStoreDB, where the commit goes
 * stream by stream), before it answers requests: a meeting is not left half imported past a restart.
 */
@Injectable()
export class StartedImportsAtStart implements OnApplicationBootstrap {
  constructor(private readonly imports: MinutesImports) {}

  onApplicationBootstrap(): Promise<void> {
    return this.imports.finishStarted();
  }
}
