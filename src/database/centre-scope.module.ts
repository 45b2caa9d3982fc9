import { Global, Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { CentreScope } from './centre-scope.js';

/** The one way feature modules reach centre data (see CentreScope). */
@Global()
@Module({
  imports: [MailModule],
  providers: [CentreScope],
  exports: [CentreScope],
})
export class CentreScopeModule {}
