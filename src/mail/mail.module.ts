import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { EmlFileMailTransport, MailTransport } from './mail-transport.js';
import { SmtpMailTransport } from './smtp-mail-transport.js';
import { MailService } from './mail.service.js';
import { OutboxHealthService } from './outbox-health.service.js';

/** Staging mail (every role). Delivery lives in MailWorkerModule, loaded only by workers; the admins' view in MailAdminModule. */
@Module({
  providers: [MailService, OutboxHealthService],
  exports: [MailService, OutboxHealthService],
})
export class MailModule {}

@Module({
  providers: [
    {
      provide: MailTransport,
      inject: [APP_CONFIG],
      // One SMTP session per job a worker runs at once: a send holds its session until its commit and the server's reply.
      useFactory: (config: ResolvedConfig): MailTransport =>
        config.mail.smtpUrl
          ? new SmtpMailTransport(config.mail.smtpUrl, config.queue.workerConcurrency)
          : new EmlFileMailTransport(config.mail.outboxDir),
    },
  ],
  exports: [MailTransport],
})
export class MailTransportModule implements OnApplicationShutdown {
  constructor(@Inject(MailTransport) private readonly transport: MailTransport) {}

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}
