import { Module } from '@nestjs/common';
import { casesProjection } from './cases/cases.projection';
import { followUpsProjection } from './follow-ups/follow-ups.projection';
import { meetingsProjection } from './meetings/meetings.projection';
import { PROJECTIONS } from './projection-runner/projection';
import { ProjectionRunner } from './projection-runner/projection-runner';
import { StreamViews } from './stream-views';

@Module({
  providers: [{ provide: PROJECTIONS, useValue: [meetingsProjection, casesProjection, followUpsProjection] }, ProjectionRunner, StreamViews],
  exports: [ProjectionRunner, StreamViews],
})
export class ReadSideModule {}
