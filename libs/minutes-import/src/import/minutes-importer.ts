import { CommandResult, CommandsModule } from '@app/commands';
import { APP_CONFIG, AppConfig, FORUMS } from '@app/config';
import { Forum, RefusedError } from '@app/domain';
import { EVENT_STORE, EventStore, SqliteEventStore, WrongExpectedVersionError } from '@app/event-store';
import { casesProjection, meetingsProjection, ProjectionRunner } from '@app/read-side';
import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { parseMinutes } from '../minutes-parser';
import { EarlierMeeting, ParseError, ParseOptions, ReviewReport } from '../review-report';
import { ImportPlan, importedCaseOrigin, ImportStep, planImport } from './import-plan';
import { alreadyDone, commandOf, streamsOf } from './import-steps';

export interface ImportReview {
  report: ReviewReport;
  plan: ImportPlan;
}

export interface StepOutcome {
  step: ImportStep;
  /** `appended`: new events; `already`: the log held it already (an earlier import, or the same one again). */
  outcome: 'appended' | 'already';
  result?: CommandResult;
}

export interface ImportResult {
  meetingId: string;
  /** Set when these minutes were imported before: the id of that import, and nothing was run again. */
  importedBefore?: string;
  appended: number;
  already: number;
  /** Global position of the last event appended, for `?after=`. */
  position?: number;
  steps: StepOutcome[];
}

/** A step the rules refused: the whole import is refused, before anything is appended. */
export type ImportOptions = Pick<ParseOptions, 'forumId' | 'meetingDate'>;

export class ImportRefusedError extends Error {
  override readonly name = 'ImportRefusedError';
  constructor(
    readonly step: ImportStep,
    readonly code: string,
    reason: string,
  ) {
    super(`Importen er afvist ved ${step.command} (linje ${step.lines.join(', ')}): ${reason}`);
  }
}

export class MinutesUnreadableError extends Error {
  override readonly name = 'MinutesUnreadableError';
  constructor(readonly error: ParseError) {
    super(error.message);
  }
}

const runSteps = async (commands: CommandBus, plan: ImportPlan, importId: string): Promise<StepOutcome[]> => {
  const outcomes: StepOutcome[] = [];
  for (const step of plan.steps) {
    try {
      outcomes.push({ step, outcome: 'appended', result: await commands.execute(commandOf(step, importId)) });
    } catch (error) {
      if (!(error instanceof RefusedError)) throw error;
      if (!alreadyDone[step.command].includes(error.code)) throw new ImportRefusedError(step, error.code, error.message);
      outcomes.push({ step, outcome: 'already' });
    }
  }
  return outcomes;
};

/**
 * Minutes text → review → events. Commit runs the plan twice: first on an in-memory copy of every stream it
 * touches, through the same command handlers, so a step the rules refuse stops the import before anything
 * is appended; then on the real store. Each step carries an idempotency key, so a commit cut short by a
 * crash is finished by running it again, and importing the same minutes twice appends nothing.
 */
@Injectable()
export class MinutesImporter {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FORUMS) private readonly forums: Forum[],
    private readonly commands: CommandBus,
    private readonly readModels: ProjectionRunner,
  ) {}

  review(text: string, options: ImportOptions = {}): ImportReview {
    const parsed = parseMinutes(text, { ...options, forums: this.forums, timeZone: this.config.meetingTimeZone, earlierMeetings: this.earlierMeetings() });
    if (!parsed.ok) throw new MinutesUnreadableError(parsed.error);
    return { report: parsed.report, plan: planImport(parsed.report, this.readModels.model(meetingsProjection)) };
  }

  /**
   * Imports the minutes. The same text with the same options is imported once: a second time finds the
   * record of the first (a stream named by the text's digest) and appends nothing, even where the log has
   * moved on since, as it has once later minutes decided the cases these ones postponed.
   */
  async commit(text: string, options: ImportOptions, importId: string): Promise<ImportResult> {
    const { plan } = this.review(text, options);
    const record = `minutes-${createHash('sha256').update(JSON.stringify([text, options.forumId ?? null, options.meetingDate ?? null])).digest('hex').slice(0, 32)}`;
    const [before] = await this.store.readStream(record, { maxCount: 1 });
    if (before) {
      return { meetingId: plan.meetingId, importedBefore: (before.data as { importId: string }).importId, appended: 0, already: plan.steps.length, steps: [] };
    }
    await this.rehearse(plan, importId);
    const steps = await runSteps(this.commands, plan, importId);
    const appended = steps.filter((step) => step.outcome === 'appended');
    const result: ImportResult = {
      meetingId: plan.meetingId,
      appended: appended.length,
      already: steps.length - appended.length,
      position: appended.reduce<number | undefined>((last, step) => Math.max(last ?? 0, step.result?.position ?? 0), undefined),
      steps,
    };
    try {
      await this.store.append(record, [{ type: 'MinutesImported', data: { importId, meetingId: plan.meetingId, appended: result.appended } }], { expectedRevision: 'no_stream' });
    } catch (error) {
      // Two imports of the same text at once: both ran idempotent steps, and one record is enough.
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
    return result;
  }

  /** Cases an earlier import made, by meeting: what "(udsat fra 2/5)" is matched against. */
  private earlierMeetings(): EarlierMeeting[] {
    const meetings = new Map<string, EarlierMeeting>();
    for (const summary of this.readModels.model(casesProjection).values()) {
      const origin = importedCaseOrigin(summary.id);
      if (!origin) continue;
      const key = `${origin.forumId}|${origin.date}`;
      const meeting = meetings.get(key) ?? { date: origin.date, forumId: origin.forumId, items: [] };
      meeting.items.push({ number: origin.number, part: origin.part, title: summary.title });
      meetings.set(key, meeting);
    }
    return [...meetings.values()];
  }

  /** Runs the plan on an in-memory copy of the streams it touches; throws what the real run would refuse. */
  private async rehearse(plan: ImportPlan, importId: string): Promise<void> {
    const copy = new SqliteEventStore({ file: ':memory:' });
    for (const streamId of new Set(plan.steps.flatMap(streamsOf))) {
      const events = await this.store.readStream(streamId);
      if (events.length > 0) await copy.append(streamId, events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })), { expectedRevision: 'no_stream' });
    }
    @Global()
    @Module({
      providers: [
        { provide: EVENT_STORE, useValue: copy },
        { provide: APP_CONFIG, useValue: this.config },
        { provide: FORUMS, useValue: this.forums },
      ],
      exports: [EVENT_STORE, APP_CONFIG, FORUMS],
    })
    class RehearsalStoreModule {}
    @Module({ imports: [RehearsalStoreModule, CommandsModule] })
    class RehearsalModule {}
    const rehearsal = await NestFactory.createApplicationContext(RehearsalModule, { logger: false });
    try {
      await runSteps(rehearsal.get(CommandBus), plan, importId);
    } finally {
      await rehearsal.close();
      await copy.close();
    }
  }
}
