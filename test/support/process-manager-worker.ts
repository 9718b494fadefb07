/**
 * A worker process with the process managers only (no reminders, so no Redis), on the data folder in
 * DATA_DIR and with a clock that stands still at WORKER_NOW: started by tests that run several workers on
 * one log. It tells its parent 'ready' once it follows the log; asked 'handled?', it answers the position of
 * the last event it has acted on; 'stop' shuts it down as SIGTERM would.
 */
import 'reflect-metadata';
import { CLOCK } from '@app/commands';
import { APP_CONFIG, AppConfig, ConfigModule } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { ProcessManagersModule } from '@app/workflows';
import { ProcessManagerRunner } from '@app/workflows/process-managers/process-manager.runner';
import { Test } from '@nestjs/testing';

export type WorkerMessage = { ready: true } | { handled: number };

const start = async (now: string): Promise<void> => {
  const worker = await Test.createTestingModule({
    imports: [ConfigModule, EventStoreModule.forRoot({ useFactory: (config: AppConfig) => config, inject: [APP_CONFIG] }), ProcessManagersModule],
  })
    .overrideProvider(CLOCK)
    .useValue({ now: () => now })
    .compile();
  worker.useLogger(['error', 'warn']);
  await worker.init();
  const consumer = worker.get(ProcessManagerRunner)['consumer'];
  process.on('message', (message: string) => {
    if (message === 'handled?') process.send?.({ handled: consumer['handled'] } satisfies WorkerMessage);
    if (message === 'stop') void worker.close().then(() => process.disconnect());
  });
  process.send?.({ ready: true } satisfies WorkerMessage);
};

start(process.env.WORKER_NOW ?? '').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
