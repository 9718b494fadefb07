import { APP_CONFIG, AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { accountsProjection } from './accounts/accounts.projection';
import { casesProjection } from './cases/cases.projection';
import { followUpsProjection } from './follow-ups/follow-ups.projection';
import { openFollowUpsProjection } from './follow-ups/open-follow-ups.projection';
import { importedMinutesProjection } from './imports/imported-minutes.projection';
import { startedImportsProjection } from './imports/started-imports.projection';
import { meetingCasesProjection } from './meetings/meeting-cases.projection';
import { meetingsProjection } from './meetings/meetings.projection';
import { Projection, PROJECTIONS } from './projection-runner/projection';
import { ProjectionRunner } from './projection-runner/projection-runner';
import { READ_MODEL_SNAPSHOTS, READ_MODELS_FILE, ReadModelSnapshotSettings, SNAPSHOT_EVERY_EVENTS } from './projection-runner/read-model-snapshot';
import { StreamViews } from './stream-views';

/** The API's read models, in the order they are folded. */
export const READ_MODEL_PROJECTIONS: readonly Projection<unknown>[] = [
  meetingsProjection,
  casesProjection,
  meetingCasesProjection,
  followUpsProjection,
  openFollowUpsProjection,
  importedMinutesProjection,
  startedImportsProjection,
  accountsProjection,
] as readonly Projection<unknown>[];

@Module({
  providers: [
    { provide: PROJECTIONS, useValue: READ_MODEL_PROJECTIONS },
    {
      provide: READ_MODEL_SNAPSHOTS,
      useFactory: (config: AppConfig): ReadModelSnapshotSettings => ({ file: join(config.dataDir, READ_MODELS_FILE), everyEvents: SNAPSHOT_EVERY_EVENTS }),
      inject: [APP_CONFIG],
    },
    ProjectionRunner,
    StreamViews,
  ],
  exports: [ProjectionRunner, StreamViews],
})
export class ReadSideModule {}
