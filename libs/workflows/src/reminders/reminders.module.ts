import { CommandsModule } from '@app/commands';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { linkSecretProvider } from './link-secret';
import { findRedis, REDIS_AVAILABILITY } from './redis-connection';
import { RemindersRunner } from './reminders.runner';
import { RemindersStatus } from './reminders-status';

const redisAvailability = { provide: REDIS_AVAILABILITY, useFactory: (config: AppConfig) => findRedis(config), inject: [APP_CONFIG] };

/** Only the worker imports this: the reminders are scheduled and sent by one set of workers. */
@Module({
  imports: [CommandsModule],
  providers: [redisAvailability, linkSecretProvider, RemindersRunner],
})
export class RemindersModule {}

/** What the API knows of the reminders: their health, and the queue for the queue view. */
@Module({
  providers: [redisAvailability, RemindersStatus],
  exports: [RemindersStatus],
})
export class RemindersStatusModule {}
