import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../access/policy.js';
import { HealthService, type Readiness } from './health.service.js';

@ApiTags('health')
@Controller('health')
@Public() // for orchestrators and Prometheus; they carry no personal data
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** The process is up and its event loop answers. */
  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is alive' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The database and the queue answer: this process can do its work. */
  @Get('ready')
  @ApiOkResponse({ description: 'Database and queue answer' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down or the process is shutting down' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const readiness = await this.health.readiness();
    res.status(readiness.status === 'ok' ? 200 : 503);
    return readiness;
  }
}
