import 'reflect-metadata';
import { EscalationLevel, escalationLevels } from '@app/domain';
import { plainToInstance, Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsDefined, IsIn, IsInt, Matches, Max, Min, ValidateNested, validateSync, ValidationError } from 'class-validator';
import { readFileSync } from 'node:fs';
import { ConfigError } from './app-config';

/** The reminders scheduled before a meeting, or before a follow-up's due date. */
export const SCHEDULED_REMINDER_KINDS = ['material-deadline', 'follow-ups-due', 'agenda', 'follow-up-due-date'] as const;
export type ScheduledReminderKind = (typeof SCHEDULED_REMINDER_KINDS)[number];

export interface ReminderTiming {
  daysBefore: number;
  /** "HH:MM" in the meetings' time zone, or "start": the meeting's own clock time. */
  at: string;
}

export interface ReminderSettings {
  kinds: Record<ScheduledReminderKind, ReminderTiming>;
  /** The daily digest and escalation job, as a cron in the meetings' time zone. */
  daily: { cron: string };
  /** The ladder, in order: the step is taken once a follow-up is this many days overdue. */
  escalation: { level: EscalationLevel; daysOverdue: number }[];
  delivery: DeliverySettings;
}

export interface DeliverySettings {
  /** Tries of a mail the SMTP server does not take, the pauses doubling from the first; then it is recorded as failed. */
  attempts: number;
  firstRetrySeconds: number;
  /** A claim this old with no outcome belongs to a worker that died while sending: the mail is sent again. */
  claimStaleAfterSeconds: number;
  /** How long a worker holds a job before another may take it up, where the first has died. */
  lockSeconds: number;
}

class TimingEntry {
  @IsInt() @Min(0) @Max(365) daysBefore!: number;
  @Matches(/^(start|([01]\d|2[0-3]):[0-5]\d)$/, { message: 'at must be a time such as 09:00, or start' }) at!: string;
}

class KindsEntry {
  @IsDefined() @ValidateNested() @Type(() => TimingEntry) 'material-deadline'!: TimingEntry;
  @IsDefined() @ValidateNested() @Type(() => TimingEntry) 'follow-ups-due'!: TimingEntry;
  @IsDefined() @ValidateNested() @Type(() => TimingEntry) agenda!: TimingEntry;
  @IsDefined() @ValidateNested() @Type(() => TimingEntry) 'follow-up-due-date'!: TimingEntry;
}

class DailyEntry {
  // Minute and hour as numbers, and not in the hour daylight saving skips or repeats (02:00–03:00).
  @Matches(/^([0-5]?\d) ((?:[01]?\d)|(?:2[0-3])) \S+ \S+ \S+$/, { message: 'cron must be "minute hour day month weekday" with a fixed minute and hour' })
  cron!: string;
}

class DeliveryEntry {
  @IsInt() @Min(1) @Max(30) attempts!: number;
  @IsInt() @Min(1) @Max(3600) firstRetrySeconds!: number;
  @IsInt() @Min(1) @Max(86_400) claimStaleAfterSeconds!: number;
  @IsInt() @Min(1) @Max(3600) lockSeconds!: number;
}

class StepEntry {
  @IsIn(escalationLevels) level!: EscalationLevel;
  @IsInt() @Min(1) @Max(365) daysOverdue!: number;
}

class RemindersFile {
  @IsDefined() @ValidateNested() @Type(() => KindsEntry) kinds!: KindsEntry;
  @IsDefined() @ValidateNested() @Type(() => DailyEntry) daily!: DailyEntry;
  @IsArray() @ArrayNotEmpty() @ValidateNested({ each: true }) @Type(() => StepEntry) escalation!: StepEntry[];
  @IsDefined() @ValidateNested() @Type(() => DeliveryEntry) delivery!: DeliveryEntry;
}

const describe = (errors: ValidationError[], path = ''): string[] =>
  errors.flatMap((error) => {
    const here = path ? `${path}.${error.property}` : error.property;
    return [...Object.values(error.constraints ?? {}).map((reason) => `${here}: ${reason}`), ...describe(error.children ?? [], here)];
  });

/** The reminder settings, refused whole if anything is off. */
export const parseReminderSettings = (json: unknown, source: string): ReminderSettings => {
  const file = plainToInstance(RemindersFile, json);
  const problems = describe(validateSync(file));
  if (problems.length === 0) {
    const hour = Number(file.daily.cron.split(' ')[1]);
    if (hour === 2) problems.push('daily.cron: must not run between 02:00 and 03:00, where daylight saving moves the clock');
    const levels = file.escalation.map((step) => escalationLevels.indexOf(step.level));
    const days = file.escalation.map((step) => step.daysOverdue);
    if (levels.some((level, index) => index > 0 && level <= levels[index - 1])) problems.push('escalation: the steps must follow the ladder owner, secretariat, chair, agenda, each once');
    if (days.some((day, index) => index > 0 && day <= days[index - 1])) problems.push('escalation: each step must come more days overdue than the one before');
  }
  if (problems.length > 0) throw new ConfigError(`Invalid reminders file ${source}:\n  ${problems.join('\n  ')}`);
  const timing = ({ daysBefore, at }: TimingEntry): ReminderTiming => ({ daysBefore, at });
  return {
    kinds: {
      'material-deadline': timing(file.kinds['material-deadline']),
      'follow-ups-due': timing(file.kinds['follow-ups-due']),
      agenda: timing(file.kinds.agenda),
      'follow-up-due-date': timing(file.kinds['follow-up-due-date']),
    },
    daily: { cron: file.daily.cron },
    escalation: file.escalation.map(({ level, daysOverdue }) => ({ level, daysOverdue })),
    delivery: {
      attempts: file.delivery.attempts,
      firstRetrySeconds: file.delivery.firstRetrySeconds,
      claimStaleAfterSeconds: file.delivery.claimStaleAfterSeconds,
      lockSeconds: file.delivery.lockSeconds,
    },
  };
};

export const loadReminderSettings = (file: string): ReminderSettings => {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read the reminders file ${file}: ${(error as Error).message}`);
  }
  return parseReminderSettings(json, file);
};
