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

  /** 200 once the event store answers and the read models have caught up with the log; 503 before. */
  @Get()
  async health(@Res({ passthrough: true }) response: Response) {
    let eventStore: 'up' | 'down' = 'up';
    let head = 0;
    try {
      head = await this.store.headPosition();
    } catch {
      eventStore = 'down';
    }
    const readModels = this.readModels.ready ? 'up' : 'catching up';
    const ok = eventStore === 'up' && readModels === 'up';
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', eventStore, readModels, head, position: this.readModels.position };
  }
}
