import { Module } from '@nestjs/common';
import { SidRolesService } from './sid-roles.service.js';
import { SidController } from './sid.controller.js';
import { SidService } from './sid.service.js';

@Module({
  controllers: [SidController],
  providers: [SidService, SidRolesService],
  exports: [SidService, SidRolesService],
})
export class SidModule {}
