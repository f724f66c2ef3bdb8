import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@app/core';
import { OutboxPurgeProcessor, OutboxPurgeSchedule } from './outbox-purge.processor';
import { OutboxRelay } from './outbox-relay';

/** The relay from the outbox to BullMQ, and the purge of relayed rows; imported by the worker only. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.OutboxPurge })],
  providers: [OutboxRelay, OutboxPurgeProcessor, OutboxPurgeSchedule],
  exports: [OutboxRelay],
})
export class OutboxRelayModule {}
