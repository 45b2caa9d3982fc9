import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { EmlFileMailTransport, MailTransport, SmtpMailTransport } from './mail-transport.js';
import { MailService } from './mail.service.js';

/** Staging mail (every role). Delivery lives in MailWorkerModule, loaded only by workers. */
@Module({
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}

@Module({
  providers: [
    {
      provide: MailTransport,
      inject: [APP_CONFIG],
      useFactory: (config: ResolvedConfig): MailTransport =>
        config.mail.smtpUrl ? new SmtpMailTransport(config.mail.smtpUrl) : new EmlFileMailTransport(config.mail.outboxDir),
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
