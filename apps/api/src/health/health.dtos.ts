import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';

const PART: ApiPropertyOptions = { type: 'object', additionalProperties: { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down', 'degraded'] } }, additionalProperties: true } };

/** Terminus's answer: each part by name under `details`, split into `info` (up or degraded) and `error` (down). */
export class HealthAnswerDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: string;
  @ApiProperty({ ...PART, description: 'The parts that are up or degraded' }) info!: Record<string, unknown>;
  @ApiProperty({ ...PART, description: 'The parts that are down: none' }) error!: Record<string, unknown>;
  @ApiProperty({ ...PART, description: 'Every part' }) details!: Record<string, unknown>;
}

export class NotReadyAnswerDto extends HealthAnswerDto {
  @ApiProperty({ enum: ['error', 'shutting_down'] }) declare status: string;
  @ApiProperty({ ...PART, description: 'The parts that are down, each with its reason' }) declare error: Record<string, unknown>;
}

const READ_MODELS_DESCRIPTION = 'readModels: their position and how many events of the log they have yet to fold (counted up to 100)';
export const READY_DESCRIPTION = [
  'Each part with its state (`up`, `down`, or `degraded` for mail): eventStore (with the head position of the log);',
  `${READ_MODELS_DESCRIPTION};`,
  "worker: the process manager's checkpoint, how many events wait for it, for how long (lagSeconds; down after WORKER_MAX_LAG_SECONDS), its failed reactions and the last;",
  'reminders: off with the reason, or on with the reminder scheduler’s lag and the mails that failed for good;',
  'redis and mail only where the reminders are on.',
].join(' ');

export const READY_EXAMPLE = {
  status: 'ok',
  info: {
    eventStore: { status: 'up', head: 1204 },
    readModels: { status: 'up', position: 1204, behind: 0 },
    worker: { status: 'up', position: 1204, behind: 0, lagSeconds: 0, failedReactions: 0, checkpointSavedAt: '2025-04-20T09:00:01.000Z' },
    reminders: { status: 'up', state: 'off', reason: 'no Redis answers at redis://127.0.0.1:6379' },
  },
  error: {},
  details: {
    eventStore: { status: 'up', head: 1204 },
    readModels: { status: 'up', position: 1204, behind: 0 },
    worker: { status: 'up', position: 1204, behind: 0, lagSeconds: 0, failedReactions: 0, checkpointSavedAt: '2025-04-20T09:00:01.000Z' },
    reminders: { status: 'up', state: 'off', reason: 'no Redis answers at redis://127.0.0.1:6379' },
  },
};

const STUCK_WORKER = {
  status: 'down',
  position: 1180,
  behind: 24,
  waitingSince: '2025-04-20T08:58:00.000Z',
  lagSeconds: 120,
  failedReactions: 1,
  lastFailure: { position: 1180, eventId: '0196a1b2-0000-7000-8000-000000000001', what: 'schedule case on the next meeting', error: 'SQLITE_BUSY', failedAt: '2025-04-20T08:58:01.000Z' },
  reason: 'an event has waited 120 s for the worker, longer than WORKER_MAX_LAG_SECONDS (60)',
};

export const NOT_READY_EXAMPLE = {
  status: 'error',
  info: { eventStore: { status: 'up', head: 1204 }, readModels: { status: 'up', position: 1204, behind: 0 }, reminders: READY_EXAMPLE.info.reminders },
  error: { worker: STUCK_WORKER },
  details: { eventStore: { status: 'up', head: 1204 }, readModels: { status: 'up', position: 1204, behind: 0 }, worker: STUCK_WORKER, reminders: READY_EXAMPLE.info.reminders },
};
