import { Inject, Injectable, type ExecutionContext, type NestInterceptor, type NestMiddleware } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { lastValueFrom, of } from 'rxjs';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';

/** The multipart field that carries the CSV file. */
export const CSV_FIELD = 'file';

/**
 * Reads a multipart upload (one file, in memory, at most IMPORT_MAX_BYTES: a larger one is 413) with Nest's own
 * FileInterceptor, but as middleware: it runs before the guards, so the CSRF check sees the `_csrf` field of a
 * page's multipart form as it sees any other form's. Another content type passes through untouched.
 */
@Injectable()
export class CsvUploadMiddleware implements NestMiddleware {
  private readonly upload: NestInterceptor;

  constructor(@Inject(APP_CONFIG) config: ResolvedConfig) {
    const Upload = FileInterceptor(CSV_FIELD, {
      limits: { fileSize: config.importMaxBytes, files: 1, fields: 10, fieldSize: 4096 },
    });
    this.upload = new Upload();
  }

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const http = { getRequest: () => req, getResponse: () => res };
    const context = { switchToHttp: () => http } as unknown as ExecutionContext;
    await lastValueFrom(await this.upload.intercept(context, { handle: () => of(undefined) }));
    next();
  }
}
