import { Public } from '@app/access';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CHECKPOINT_STORE, CheckpointStore, EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionRunner } from '@app/read-side';
import { RemindersHealth, RemindersStatus, WorkerHealth, workerHealth } from '@app/workflows';
import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Response } from 'express';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readModels: ProjectionRunner,
    private readonly reminders: RemindersStatus,
  ) {}

  /**
   * 200 once the event store answers, the read models have caught up with the log, the worker keeps up with
   * it, and Redis answers where the reminders use one; 503 before, while an event has waited for the worker
   * longer than WORKER_MAX_LAG_SECONDS, while Redis does not answer, and from a write that found the store's
   * disk full until a write succeeds again. Without Redis at all the reminders are off, and say so here.
   */
  @Get()
  async health(@Res({ passthrough: true }) response: Response) {
    let eventStoreReason: string | undefined;
    let head = 0;
    let worker: WorkerHealth | undefined;
    try {
      head = await this.store.headPosition();
      worker = await workerHealth(this.store, this.checkpoints, this.config.workerMaxLagSeconds);
    } catch (error) {
      eventStoreReason = (error as { message?: string } | null)?.message ?? String(error);
    }
    // A full disk still lets the store answer reads, so the failed write is what tells.
    eventStoreReason ??= this.store.storageFull?.message;
    const eventStore = eventStoreReason === undefined ? 'up' : 'down';
    const readModels = this.readModels.ready ? 'up' : 'catching up';
    const reminders: RemindersHealth = await this.reminders.health();
    const ok = eventStore === 'up' && readModels === 'up' && worker?.status === 'up' && (reminders.state === 'off' || reminders.redis === 'up');
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', eventStore, eventStoreReason, readModels, head, position: this.readModels.position, worker, reminders };
  }
}
