import { Module } from '@nestjs/common';
import { MailDeliveryService } from './mail-delivery.service.js';
import { MailModule, MailTransportModule } from './mail.module.js';
import { MailProcessor } from './mail.processor.js';

/** The mail queue's consumer: only in ROLE=all and ROLE=worker. */
@Module({
  imports: [MailModule, MailTransportModule],
  providers: [MailDeliveryService, MailProcessor],
})
export class MailWorkerModule {}
