import { Public } from '@app/access';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CHECKPOINT_STORE, CheckpointStore, EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionRunner } from '@app/read-side';
import { BEHIND_COUNTED_UP_TO, RemindersStatus, workerHealth } from '@app/workflows';
import { Controller, Get, Header, HttpStatus, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { RETRY_AFTER } from '../http/api-docs';
import { RETRY_AFTER_SECONDS } from '../http/error-body';
import { HealthAnswerDto, NOT_READY_EXAMPLE, NotReadyAnswerDto, READY_DESCRIPTION, READY_EXAMPLE } from './health.dtos';

const reasonOf = (error: unknown): string => (error as { message?: string } | null)?.message ?? String(error);

/**
 * Liveness and readiness in Terminus's shape (`status`, `info`, `error`, `details`), each part with its state.
 * Ready once the event store answers, the read models have caught up with the log, the worker keeps up with
 * it, and Redis answers where the reminders use one. Mail that cannot go out makes it `degraded`, still 200:
 * the worker tries a mail again for more than an hour, and the API serves every request meanwhile.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readModels: ProjectionRunner,
    private readonly reminders: RemindersStatus,
  ) {}

  @Get('live')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Whether the API process answers at all', description: 'For a supervisor that restarts a process that hangs; it asks nothing of the parts around it.' })
  @ApiResponse({ status: 200, type: HealthAnswerDto, example: { status: 'ok', info: { process: { status: 'up', uptimeSeconds: 42 } }, error: {}, details: { process: { status: 'up', uptimeSeconds: 42 } } } })
  live(): Promise<HealthCheckResult> {
    return this.checks.check([() => this.indicator.check('process').up({ uptimeSeconds: Math.floor(process.uptime()) })]);
  }

  @Get('ready')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Whether the API can serve requests now, part by part', description: READY_DESCRIPTION })
  @ApiResponse({ status: 200, type: HealthAnswerDto, description: 'Ready (`ok`), or ready with mail that cannot go out now (`degraded`)', example: READY_EXAMPLE })
  @ApiResponse({ status: 503, type: NotReadyAnswerDto, description: 'Not ready: `error` names each part that is down and why', headers: RETRY_AFTER, example: NOT_READY_EXAMPLE })
  ready(@Res({ passthrough: true }) response: FastifyReply): Promise<HealthCheckResult> {
    return this.readiness(response);
  }

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The same as /health/ready', description: READY_DESCRIPTION })
  @ApiResponse({ status: 200, type: HealthAnswerDto, description: 'Ready', example: READY_EXAMPLE })
  @ApiResponse({ status: 503, type: NotReadyAnswerDto, description: 'Not ready', headers: RETRY_AFTER, example: NOT_READY_EXAMPLE })
  health(@Res({ passthrough: true }) response: FastifyReply): Promise<HealthCheckResult> {
    return this.readiness(response);
  }

  /** Terminus throws its answer as a 503 when a part is down; the answer is kept whole, with Retry-After. */
  private async readiness(response: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.checks.check([() => this.eventStore(), () => this.readModelsLag(), () => this.worker(), () => this.remindersParts()]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(HttpStatus.SERVICE_UNAVAILABLE).header('Retry-After', String(RETRY_AFTER_SECONDS));
      return error.getResponse() as HealthCheckResult;
    }
  }

  private async eventStore(): Promise<HealthIndicatorResult> {
    const part = this.indicator.check('eventStore');
    try {
      const head = await this.store.headPosition();
      // A full disk still lets the store answer reads, so the failed write is what tells.
      const full = this.store.storageFull?.message;
      return full === undefined ? part.up({ head }) : part.down({ head, reason: full });
    } catch (error) {
      return part.down({ reason: reasonOf(error) });
    }
  }

  /** The read models' lag behind the head, in events, counted as the worker's is. */
  private async readModelsLag(): Promise<HealthIndicatorResult> {
    const part = this.indicator.check('readModels');
    const position = this.readModels.position;
    try {
      const head = await this.store.headPosition();
      const behind = position < head ? (await this.store.readAll({ after: position, maxCount: BEHIND_COUNTED_UP_TO })).length : 0;
      return this.readModels.ready ? part.up({ position, behind }) : part.down({ position, behind, reason: 'catching up with the log' });
    } catch (error) {
      return part.down({ position, reason: reasonOf(error) });
    }
  }

  private async worker(): Promise<HealthIndicatorResult> {
    const part = this.indicator.check('worker');
    try {
      const { status, ...worker } = await workerHealth(this.store, this.checkpoints, this.config.workerMaxLagSeconds);
      return status === 'up'
        ? part.up(worker)
        : part.down({ ...worker, reason: `an event has waited ${worker.lagSeconds} s for the worker, longer than WORKER_MAX_LAG_SECONDS (${this.config.workerMaxLagSeconds})` });
    } catch (error) {
      return part.down({ reason: reasonOf(error) });
    }
  }

  /** Redis and mail are parts of their own, and only where the reminders are on; without Redis they are off and say so. */
  private async remindersParts(): Promise<HealthIndicatorResult> {
    try {
      const [reminders, mail] = await Promise.all([this.reminders.health(), this.reminders.mail()]);
      if (reminders.state === 'off') return this.indicator.check('reminders').up({ state: 'off', reason: reminders.reason });
      const { redis, scheduler, ...rest } = reminders;
      const stuck = scheduler.status === 'stuck';
      const { status: _status, ...lag } = scheduler;
      const remindersPart = stuck
        ? this.indicator.check('reminders').down({ ...rest, scheduler: lag, reason: `an event has waited ${lag.lagSeconds} s for the reminder scheduler, longer than WORKER_MAX_LAG_SECONDS (${this.config.workerMaxLagSeconds})` })
        : this.indicator.check('reminders').up({ ...rest, scheduler: lag });
      const redisPart = redis === 'up' ? this.indicator.check('redis').up() : this.indicator.check('redis').down({ reason: 'Redis does not answer PING' });
      const { up, ...mailState } = mail ?? { up: true };
      const mailPart = up ? this.indicator.check('mail').up(mailState) : this.indicator.check('mail').degraded(mailState);
      return { ...remindersPart, ...redisPart, ...mailPart };
    } catch (error) {
      return this.indicator.check('reminders').down({ reason: reasonOf(error) });
    }
  }
}
