import { Module } from '@nestjs/common';
import { QueueBoard } from './queue-board';

/** The queues shown on the board at /admin/queues; the pages themselves are mounted by {@link mountAdminPages}. */
@Module({
  providers: [QueueBoard],
  exports: [QueueBoard],
})
export class QueueBoardModule {}
