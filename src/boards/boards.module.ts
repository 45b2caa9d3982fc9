import { Module } from '@nestjs/common';
import { BoardMeetingsController } from './board-meetings.controller.js';
import { BoardMeetingsService } from './board-meetings.service.js';
import { BoardMembersController } from './board-members.controller.js';
import { BoardMembersService } from './board-members.service.js';
import { BoardsController } from './boards.controller.js';
import { BoardsService } from './boards.service.js';

/** Advisory boards: seats with roles and terms, sector coverage, and meetings that log engagements. */
@Module({
  controllers: [BoardsController, BoardMembersController, BoardMeetingsController],
  providers: [BoardsService, BoardMembersService, BoardMeetingsService],
  exports: [BoardsService, BoardMembersService, BoardMeetingsService],
})
export class BoardsModule {}
