import { Body, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { RolesOrNetworkAdmin } from '../../access/policy.js';
import type { UserResponse } from '../../auth/dto/user-response.dto.js';
import { USER_ROLES, type UserRole } from '../../common/domain-values.js';
import { DomainError, ErrorCode } from '../../common/errors.js';
import type { Page } from '../../common/pagination.js';
import type { RequestContext } from '../../common/request-context.js';
import { CreateUserDto, UpdateUserDto, UserQueryDto } from '../../users/dto/user.dto.js';
import { UsersService } from '../../users/users.service.js';
import { EmptyState } from '../../ui/components/empty-state.js';
import { Checkbox, ErrorSummary, Field, PostForm, Select } from '../../ui/components/form.js';
import { Pager } from '../../ui/components/pager.js';
import { Table } from '../../ui/components/table.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import type { FieldErrors, View } from '../../ui/view.js';
import { setFlash } from '../flash.js';
import { domainFieldErrors, readForm, type FormBody } from '../forms.js';
import { WebContext } from '../web-context.service.js';
import { html, Html, WebController } from '../web-page.js';
import { AdminLayout } from './admin-layout.js';
import { backTo, isFiltered, pick, readListQuery, text } from './admin-forms.js';

const USERS = '/admin/users';
const FILTERS = ['search', 'role', 'active', 'page'] as const;

export const ROLE_LABELS = {
  admin: 'admin.role.admin',
  manager: 'admin.role.manager',
  coordinator: 'admin.role.coordinator',
} satisfies Record<UserRole, MessageKey>;

interface Invitation {
  values: FormBody;
  errors?: FieldErrors;
}

/**
 * The centre's users (/admin/users): the list, inviting someone (the API's POST /users without a password: they are
 * emailed a link to choose theirs), changing a role, deactivating and reactivating. Same service, same DTOs as the API.
 */
@WebController()
export class AdminUsersPages {
  constructor(
    private readonly web: WebContext,
    private readonly users: UsersService,
  ) {}

  @Get('admin/users')
  @RolesOrNetworkAdmin('admin')
  @Html()
  async list(
    @Ctx() ctx: RequestContext,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const view = await this.web.view(ctx, req, res);
    const { dto, errors } = await readListQuery(UserQueryDto, query, FILTERS, view.i18n);
    if (errors) res.status(400);
    const users = await this.users.list(ctx, dto);
    return html(<UsersPage view={view} users={users} filters={pick(query, FILTERS)} filterErrors={errors} />);
  }

  @Get('admin/users/invite')
  @RolesOrNetworkAdmin('admin')
  @Html()
  async inviteForm(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const view = await this.web.view(ctx, req, res);
    return html(<InvitePage view={view} invitation={{ values: {} }} />);
  }

  @Post('admin/users')
  @RolesOrNetworkAdmin('admin')
  @HttpCode(200)
  @Html()
  async invite(
    @Ctx() ctx: RequestContext,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    const view = await this.web.view(ctx, req, res);
    const values = pick(body, ['name', 'email', 'role', 'networkAdmin']);
    // A checkbox sends "on" or nothing; only a network admin is offered it (the service refuses anyone else).
    const form = await readForm(CreateUserDto, values, view.i18n, {
      extra: { networkAdmin: values.networkAdmin === 'on' ? true : undefined },
    });
    let errors = form.ok ? undefined : form.errors;
    if (form.ok) {
      try {
        await this.users.create(ctx, form.dto);
        setFlash(res, 'admin.users.invited');
        return res.redirect(303, USERS);
      } catch (error) {
        errors = domainFieldErrors(error, view.i18n, 'email');
        if (!errors) throw error;
      }
    }
    res.status(400);
    return html(<InvitePage view={view} invitation={{ values, errors }} />);
  }

  @Post('admin/users/:id/role')
  @RolesOrNetworkAdmin('admin')
  async changeRole(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const view = await this.web.view(ctx, req);
    const form = await readForm(UpdateUserDto, { role: text(body, 'role') }, view.i18n);
    if (!form.ok || form.dto.role === undefined) {
      setFlash(res, 'admin.users.error.role', 'error');
    } else {
      await this.change(res, () => this.users.update(ctx, id, { role: form.dto.role }), 'admin.users.roleChanged');
    }
    res.redirect(303, backTo(body.back, USERS));
  }

  @Post('admin/users/:id/deactivate')
  @RolesOrNetworkAdmin('admin')
  async deactivate(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    await this.change(res, () => this.users.deactivate(ctx, id), 'admin.users.deactivated');
    res.redirect(303, backTo(body.back, USERS));
  }

  @Post('admin/users/:id/reactivate')
  @RolesOrNetworkAdmin('admin')
  async reactivate(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    await this.change(res, () => this.users.update(ctx, id, { active: true }), 'admin.users.reactivated');
    res.redirect(303, backTo(body.back, USERS));
  }

  /** A change the service may refuse (the last admin, one's own account, a network admin): said on the next page. */
  private async change(res: Response, work: () => Promise<UserResponse>, done: MessageKey): Promise<void> {
    try {
      await work();
      setFlash(res, done);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      setFlash(res, refusal, 'error');
    }
  }
}

/** The message of a refusal an admin can act on; undefined for anything else (rethrown: a 404 page…). */
export function refusalOf(error: unknown): MessageKey | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error.code !== ErrorCode.Conflict && error.code !== ErrorCode.Forbidden) return undefined;
  if (/own account/i.test(error.message)) return 'admin.users.error.self';
  if (/at least one active admin/i.test(error.message)) return 'admin.users.error.lastAdmin';
  if (/network admin/i.test(error.message)) return 'admin.users.error.networkAdmin';
  return 'admin.users.error.refused';
}

function UsersPage(props: { view: View; users: Page<UserResponse>; filters: FormBody; filterErrors?: FieldErrors }) {
  const { view, users } = props;
  const { t } = view.i18n;
  const filtered = isFiltered(props.filters);
  return (
    <AdminLayout
      view={view}
      title={t('admin.users.title')}
      actions={
        <a class="button primary" href={`${USERS}/invite`}>
          {t('admin.users.invite.title')}
        </a>
      }
    >
      <UserFilters view={view} values={props.filters} errors={props.filterErrors} />
      {users.items.length === 0 ? (
        <EmptyState title={t(filtered ? 'admin.users.noneMatch' : 'admin.users.none')} />
      ) : (
        <Table
          view={view}
          caption={t('admin.users.caption')}
          hideCaption
          rows={users.items}
          rowId={(user) => `user-${user.id}`}
          columns={[
            { label: t('admin.users.name'), cell: (user) => user.name },
            { label: t('admin.users.email'), cell: (user) => user.email },
            { label: t('admin.users.role'), cell: (user) => <RoleCell view={view} user={user} /> },
            {
              label: t('admin.users.status'),
              cell: (user) => (user.active ? t('admin.users.active') : t('admin.users.inactive')),
            },
            { label: t('admin.users.actions'), cell: (user) => <UserActions view={view} user={user} /> },
          ]}
        />
      )}
      <Pager view={view} page={users.page} pageSize={users.limit} total={users.total} />
    </AdminLayout>
  );
}

function roleOptions(view: View) {
  return USER_ROLES.map((role) => ({ value: role, label: view.i18n.t(ROLE_LABELS[role]) }));
}

function RoleCell({ view, user }: { view: View; user: UserResponse }) {
  const { t } = view.i18n;
  return (
    <>
      {t(ROLE_LABELS[user.role])}
      {user.networkAdmin ? (
        <>
          {' '}
          <span class="tag">{t('admin.users.networkAdmin')}</span>
        </>
      ) : null}
    </>
  );
}

/** The role picker and the (de)activation button of one user; the accessible names say whose. */
function UserActions({ view, user }: { view: View; user: UserResponse }) {
  const { t } = view.i18n;
  const self = user.id === view.user?.id;
  const roleId = `role-${user.id}`;
  return (
    <div class="actions">
      <PostForm view={view} action={`${USERS}/${user.id}/role`} class="inline-form role-form">
        <input type="hidden" name="back" value={view.path} />
        <label for={roleId} class="visually-hidden">
          {t('admin.users.roleOf', { name: user.name })}
        </label>
        <select id={roleId} name="role">
          {roleOptions(view).map((option) => (
            <option value={option.value} selected={option.value === user.role}>
              {option.label}
            </option>
          ))}
        </select>{' '}
        <button type="submit" class="secondary" aria-label={t('admin.users.changeRoleOf', { name: user.name })}>
          {t('admin.users.changeRole')}
        </button>
      </PostForm>
      {self ? null : user.active ? (
        <PostForm view={view} action={`${USERS}/${user.id}/deactivate`} class="inline-form">
          <input type="hidden" name="back" value={view.path} />
          <button
            type="submit"
            class="danger"
            aria-label={t('admin.users.deactivateUser', { name: user.name })}
            data-confirm={t('admin.users.deactivateConfirm', { name: user.name })}
          >
            {t('admin.users.deactivate')}
          </button>
        </PostForm>
      ) : (
        <PostForm view={view} action={`${USERS}/${user.id}/reactivate`} class="inline-form">
          <input type="hidden" name="back" value={view.path} />
          <button
            type="submit"
            class="secondary"
            aria-label={t('admin.users.reactivateUser', { name: user.name })}
            data-confirm={t('admin.users.reactivateConfirm', { name: user.name })}
          >
            {t('admin.users.reactivate')}
          </button>
        </PostForm>
      )}
    </div>
  );
}

function InvitePage({ view, invitation }: { view: View; invitation: Invitation }) {
  const { t } = view.i18n;
  const { values, errors } = invitation;
  return (
    <AdminLayout view={view} title={t('admin.users.invite.title')}>
      <p>{t('admin.users.invite.intro')}</p>
      <ErrorSummary view={view} errors={errors} />
      <PostForm view={view} action={USERS} class="narrow-form">
        <Field
          name="name"
          label={t('admin.users.name')}
          value={str(values.name)}
          error={errors?.name}
          required
          attrs={{ autocomplete: 'off' }}
        />
        <Field
          name="email"
          type="email"
          label={t('admin.users.email')}
          value={str(values.email)}
          error={errors?.email}
          required
          attrs={{ autocomplete: 'off' }}
        />
        <Select
          name="role"
          label={t('admin.users.role')}
          options={roleOptions(view)}
          value={str(values.role) || 'coordinator'}
          error={errors?.role}
          required
        />
        {view.user?.networkAdmin ? (
          <Checkbox
            name="networkAdmin"
            label={t('admin.users.invite.networkAdmin')}
            hint={t('admin.users.invite.networkAdminHint')}
            checked={values.networkAdmin === 'on'}
            error={errors?.networkAdmin}
          />
        ) : null}
        <button type="submit" class="primary">
          {t('admin.users.invite.submit')}
        </button>
        <a href={USERS}>{t('common.cancel')}</a>
      </PostForm>
    </AdminLayout>
  );
}

function UserFilters({ view, values, errors }: { view: View; values: FormBody; errors?: FieldErrors }) {
  const { t } = view.i18n;
  return (
    <form method="get" action={USERS} class="filters" role="search" aria-label={t('admin.users.filters')}>
      <Field
        name="search"
        type="search"
        label={t('admin.users.search')}
        value={str(values.search)}
        error={errors?.search}
      />
      <Select
        name="role"
        label={t('admin.users.role')}
        options={roleOptions(view)}
        blank={t('common.any')}
        value={str(values.role)}
        error={errors?.role}
      />
      <Select
        name="active"
        label={t('admin.users.status')}
        options={[
          { value: 'true', label: t('admin.users.active') },
          { value: 'false', label: t('admin.users.inactive') },
        ]}
        blank={t('common.any')}
        value={str(values.active)}
        error={errors?.active}
      />
      <div class="filter-actions">
        <button type="submit" class="secondary">
          {t('common.filter')}
        </button>
        <a href={USERS}>{t('common.clearFilters')}</a>
      </div>
    </form>
  );
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
