import { ProjectionRunner } from '@app/read-side';
import { MinutesImports } from '@app/workflows';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

/**
 * The API commits imports, so the API finishes one a crash cut short (on EventStoreDB, where the commit goes
 * stream by stream) once its read models know the unfinished plans, and serves no one before: a meeting is not
 * left half imported past a restart.
 */
@Injectable()
export class StartedImportsAtStart implements OnApplicationBootstrap {
  constructor(
    private readonly imports: MinutesImports,
    private readonly readModels: ProjectionRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.readModels.holdReadyUntil(() => this.imports.finishStarted());
  }
}
