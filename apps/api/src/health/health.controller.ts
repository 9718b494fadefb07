import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionRunner } from '@app/read-side';
import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Response } from 'express';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ProjectionRunner,
  ) {}

  /**
   * 200 once the event store answers and the read models have caught up with the log; 503 before, and from
   * a write that found the store's disk full until a write succeeds again.
   */
  @Get()
  async health(@Res({ passthrough: true }) response: Response) {
    let eventStoreReason: string | undefined;
    let head = 0;
    try {
      head = await this.store.headPosition();
    } catch (error) {
      eventStoreReason = (error as { message?: string } | null)?.message ?? String(error);
    }
    // A full disk still lets the store answer reads, so the failed write is what tells.
    eventStoreReason ??= this.store.storageFull?.message;
    const eventStore = eventStoreReason === undefined ? 'up' : 'down';
    const readModels = this.readModels.ready ? 'up' : 'catching up';
    const ok = eventStore === 'up' && readModels === 'up';
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', eventStore, eventStoreReason, readModels, head, position: this.readModels.position };
  }
}
