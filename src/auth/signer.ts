import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';

/** HMAC-SHA256 with APP_SECRET, one purpose per kind of token so a signature for one is worthless for another. */
@Injectable()
export class Signer {
  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {}

  sign(purpose: string, value: string): string {
    return createHmac('sha256', this.config.appSecret).update(`${purpose}\n${value}`).digest('base64url');
  }

  verify(purpose: string, value: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(purpose, value));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
