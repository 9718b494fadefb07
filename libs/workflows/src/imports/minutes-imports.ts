import { CLOCK, Clock, CommandContext, CommandRequest, minutesDigest } from '@app/commands';
import { APP_CONFIG, AppConfig, FORUMS } from '@app/config';
import {
  Forum,
  fold,
  importDecider,
  ImportEvent,
  ImportState,
  importStreamId,
  MinutesImported,
  MinutesImportStarted,
  MinutesReviewed,
  PlannedStreamAppend,
  isRefused,
  RefusedError,
  refuseAsNotFound,
  refuseUnlessReviewed,
  ReviewMinutesInput,
} from '@app/domain';
import { EVENT_STORE, EventStore, StreamBatch, WrongExpectedVersionError } from '@app/event-store';
import { EarlierMeeting, ImportPlan, importedCaseOrigin, ParseError, parseMinutes, planImport, ReviewReport } from '@app/minutes-import';
import { casesProjection, importedMinutesProjection, meetingsProjection, ProjectionRunner, startedImportsProjection } from '@app/read-side';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { StepOutcome } from './import-steps';
import { stageImport } from './stage-import';

export interface ImportReview {
  report: ReviewReport;
  plan: ImportPlan;
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

export type ImportOptions = Pick<ReviewMinutesInput, 'forumId' | 'meetingDate'> & {
  /** What reading the file said (format, encoding, pages): shown in the review's notes. */
  sourceNotes?: string[];
};

/** Minutes that cannot be read as minutes (HTTP 422): the parser's code and its Danish message. */
export class MinutesUnreadableError extends Error {
  override readonly name = 'MinutesUnreadableError';
  constructor(readonly error: ParseError) {
    super(error.message);
  }
}

/** Stagings of one commit, where other writers keep moving the streams it touches. */
const STAGING_ATTEMPTS = 5;

/** How long a commit waits for the read models to include the log, so it sees earlier imports. */
const READ_MODELS_WAIT_MS = 5000;

/**
 * Minutes text → review → events, as the secretariat works: a review to read through, kept as an import (its
 * own stream), then a commit. A commit runs the plan on an in-memory copy of every stream it touches, so a
 * step the rules refuse stops the import before anything is appended, and appends what it made there in one
 * transaction. Where no transaction spans streams (EventStoreDB), what it staged is recorded first as the
 * import's plan and then appended stream by stream: a commit cut short is finished from that plan when the API
 * starts again, or when it is committed again, and its report counts what this import appended as appended.
 * Minutes imported before (the same text with the same options)
 * are not run again, even where the log has moved on since, as it has once later minutes decided the cases
 * these ones postponed.
 */
@Injectable()
export class MinutesImports {
  private readonly logger = new Logger(MinutesImports.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FORUMS) private readonly forums: Forum[],
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: CommandBus,
    private readonly readModels: ProjectionRunner,
  ) {}

  /** Reads minutes into a review report and the plan of what an import would append; records nothing. */
  read(text: string, options: ImportOptions = {}): ImportReview {
    const parsed = parseMinutes(text, {
      forums: this.forums,
      timeZone: this.config.meetingTimeZone,
      forumId: options.forumId,
      meetingDate: options.meetingDate,
      sourceNotes: options.sourceNotes,
      earlierMeetings: this.earlierMeetings(),
    });
    if (!parsed.ok) throw new MinutesUnreadableError(parsed.error);
    return { report: parsed.report, plan: planImport(parsed.report, this.readModels.model(meetingsProjection), this.config.meetingTimeZone) };
  }

  /** Reads the minutes and keeps them as an import to commit; minutes that cannot be read are not kept. */
  async review(minutes: ReviewMinutesInput, context: CommandContext, sourceNotes?: string[]): Promise<ImportReview & { id: string; position: number }> {
    const review = this.read(minutes.text, { ...minutes, sourceNotes });
    const { id, position } = await this.commands.execute(new CommandRequest('review-minutes', minutes, context));
    return { id, position, ...review };
  }

  /** The import's review, read again: the plan links to the cases the log holds now, earlier imports included. */
  async get(importId: string): Promise<ImportReview & { id: string; committed?: MinutesImported['data'] }> {
    const { reviewed, imported } = await this.load(importId);
    return { id: importId, ...this.read(reviewed.text, reviewed), committed: imported };
  }

  async commit(importId: string, context: CommandContext): Promise<ImportResult & { id: string }> {
    const { state, reviewed, started } = await this.load(importId);
    // Asked before the plan runs: the same rule refuses the record at the end, where two commits race.
    const refused = refuseUnlessReviewed(state);
    if (isRefused(refused)) throw new RefusedError(refused);
    await this.readModels.waitFor(await this.store.headPosition(), READ_MODELS_WAIT_MS);
    const { plan } = this.read(reviewed.text, reviewed);
    const before = this.readModels.model(importedMinutesProjection).get(minutesDigest(reviewed.text, reviewed.forumId, reviewed.meetingDate));
    const result: ImportResult = started
      ? await this.finish(plan, importId, started)
      : before
        ? { meetingId: plan.meetingId, importedBefore: before.importId, appended: 0, already: plan.steps.length, steps: [] }
        : this.store.atomicity === 'stream'
          ? await this.runStreamByStream(plan, importId, context)
          : await this.run(plan, importId);
    const { steps, ...outcome } = result;
    await this.commands.execute(new CommandRequest('record-import', { importId, ...outcome, steps: steps.length }, context));
    return { id: importId, ...result };
  }

  /**
   * Stages the plan on a copy of the streams it touches, then appends all it staged in one transaction.
   * Where another writer moved one of those streams in between, the plan is staged again on the new state.
   */
  private async run(plan: ImportPlan, importId: string): Promise<ImportResult> {
    for (let attempt = 1; ; attempt++) {
      const { outcomes, batches } = await stageImport(this.store, this.forums, this.clock, plan, importId);
      try {
        const results = batches.length > 0 ? await this.store.appendAll(batches) : [];
        const appended = outcomes.filter((step) => step.outcome === 'appended').length;
        return { meetingId: plan.meetingId, appended, already: outcomes.length - appended, position: results[results.length - 1]?.position, steps: outcomes };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= STAGING_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Finishes every import whose commit recorded its plan and was cut short, as the one who committed it; at
   * the API's start, before it answers requests. One that cannot be finished is logged and left for the next.
   */
  async finishStarted(): Promise<void> {
    await this.readModels.waitFor(await this.store.headPosition(), Number.POSITIVE_INFINITY);
    for (const { importId, startedBy } of [...this.readModels.model(startedImportsProjection).values()]) {
      try {
        const { appended, already } = await this.commit(importId, { userId: startedBy, correlationId: importId });
        this.logger.log(`Import ${importId}, cut short while it was committed, is finished: ${appended} steps appended, ${already} found in the log`);
      } catch (error) {
        this.logger.error(`Import ${importId}, cut short while it was committed, could not be finished: ${(error as Error).message}`, (error as Error).stack);
      }
    }
  }

  /** Stages the plan, records what it staged as the import's plan, then appends it stream by stream. */
  private async runStreamByStream(plan: ImportPlan, importId: string, context: CommandContext): Promise<ImportResult> {
    const { outcomes, batches } = await stageImport(this.store, this.forums, this.clock, plan, importId);
    const recorded = {
      importId,
      meetingId: plan.meetingId,
      appendedSteps: outcomes.filter((step) => step.outcome === 'appended').map(({ step }) => step.key),
      steps: outcomes.length,
      appends: batches as PlannedStreamAppend[],
    };
    // Without the request's key: the record of the import at the end is another command on the same stream.
    const { idempotencyKey: _key, requestHash: _hash, ...once } = context;
    try {
      await this.commands.execute(new CommandRequest('start-import', recorded, once));
    } catch (error) {
      if (!(error instanceof RefusedError && error.code === 'import.started')) throw error;
    }
    // Ours, or the plan of a commit that got there first: either is finished the same way.
    const { started } = await this.load(importId);
    return this.finish(plan, importId, started as MinutesImportStarted['data']);
  }

  /**
   * Appends the recorded plan stream by stream, each at the revision it was staged at: what a commit cut short
   * stored is found stored, and appended nothing again. Where another writer moved one of the streams since,
   * the rest is staged again on the log as it is; what this import stored before still counts as its own.
   */
  private async finish(plan: ImportPlan, importId: string, started: MinutesImportStarted['data']): Promise<ImportResult> {
    const ours = new Set<string>();
    let appends: StreamBatch[] = started.appends;
    let planned = new Set(started.appendedSteps);
    let steps = started.steps;
    for (let attempt = 1; ; attempt++) {
      try {
        let position: number | undefined;
        for (const { streamId, events, expectedRevision } of appends) {
          const stored = await this.store.append(streamId, events, { expectedRevision });
          position = stored.position;
          const keys = events.map((event) => event.metadata?.idempotencyKey).filter((key): key is string => typeof key === 'string');
          // The same minutes imported again meanwhile stage the same event ids: found stored, they may be another import's.
          const byAnother = stored.alreadyStored && (await this.storedBy(streamId, stored.nextRevision - events.length + 1)) !== importId;
          for (const key of keys) {
            if (byAnother) planned.delete(key);
            else ours.add(key);
          }
        }
        const appendedKeys = new Set([...planned, ...ours]);
        const outcomes = plan.steps.map((step): StepOutcome => ({ step, outcome: appendedKeys.has(step.key) ? 'appended' : 'already' }));
        return { meetingId: started.meetingId, appended: appendedKeys.size, already: steps - appendedKeys.size, position, steps: outcomes };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= STAGING_ATTEMPTS) throw error;
        const staged = await stageImport(this.store, this.forums, this.clock, plan, importId);
        appends = staged.batches;
        planned = new Set(staged.outcomes.filter((step) => step.outcome === 'appended').map(({ step }) => step.key));
        steps = staged.outcomes.length;
      }
    }
  }

  /** The import whose commit stored the event at this revision. */
  private async storedBy(streamId: string, revision: number): Promise<unknown> {
    const [event] = await this.store.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    return event?.metadata.correlationId;
  }

  private async load(
    importId: string,
  ): Promise<{ state: ImportState; reviewed: MinutesReviewed['data']; started?: MinutesImportStarted['data']; imported?: MinutesImported['data'] }> {
    const events = (await this.store.readStream(importStreamId(importId))) as unknown as ImportEvent[];
    const reviewed = events.find((event): event is MinutesReviewed => event.type === 'MinutesReviewed');
    if (!reviewed) throw new RefusedError(refuseAsNotFound('import.not_found', `Importen ${importId} findes ikke.`));
    const started = events.find((event): event is MinutesImportStarted => event.type === 'MinutesImportStarted');
    const imported = events.find((event): event is MinutesImported => event.type === 'MinutesImported');
    return { state: fold(importDecider, events), reviewed: reviewed.data, started: imported ? undefined : started?.data, imported: imported?.data };
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
}
