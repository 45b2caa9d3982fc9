import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { MailModule } from '../mail/mail.module.js';
import { AccountService } from './account.service.js';
import { AttemptThrottle } from './attempt-throttle.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { LoginService } from './login.service.js';
import { MeController } from './me.controller.js';
import { PasswordResetService } from './password-reset.service.js';
import { PasswordTokens } from './password-tokens.service.js';
import { ResetPasswordPage } from './reset-password.page.js';
import { SessionsService } from './sessions.service.js';
import { Signer } from './signer.js';

/** Sign-in, sessions, password links, and the global guard that checks every route's access policy. */
@Module({
  imports: [DiscoveryModule, MailModule],
  controllers: [AuthController, MeController, ResetPasswordPage],
  providers: [
    Signer,
    SessionsService,
    AttemptThrottle,
    PasswordTokens,
    LoginService,
    AccountService,
    PasswordResetService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [Signer, SessionsService, PasswordTokens, LoginService, AccountService, PasswordResetService],
})
export class AuthModule {}
