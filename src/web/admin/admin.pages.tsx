import { Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RolesOrNetworkAdmin } from '../../access/policy.js';
import { WebController } from '../web-page.js';

/**
 * Admin (/admin/users, /admin/settings, /admin/mail, /admin/audit): one controller per page, in this folder;
 * /admin itself opens the first of them.
 */
@WebController()
export class AdminPages {
  @Get('admin')
  @RolesOrNetworkAdmin('admin')
  index(@Res() res: Response): void {
    res.redirect(303, '/admin/users');
  }
}
