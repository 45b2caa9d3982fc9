import type { UserRole } from '../../src/common/domain-values.js';
import { firstCentreId, seedCentre, seedUser, signIn } from './api.js';
import type { TestApp } from './app.js';

/** A seeded user, signed in once (Bearer token). */
export interface Member {
  id: string;
  email: string;
  password: string;
  token: string;
  centreId: string;
}

/** Centre A (the first run's) and centre B, an admin, a manager and a coordinator in each, and a network admin in A. */
export interface TwoCentres {
  a: string;
  b: string;
  aAdmin: Member;
  aManager: Member;
  aCoordinator: Member;
  bAdmin: Member;
  bManager: Member;
  bCoordinator: Member;
  network: Member;
}

export async function seedMember(
  app: TestApp,
  centreId: string,
  role: UserRole,
  options: { networkAdmin?: boolean; name?: string } = {},
): Promise<Member> {
  const user = await seedUser(app, centreId, role, options);
  const { token } = await signIn(app, user.email, user.password);
  return { ...user, token, centreId };
}

export async function seedTwoCentres(app: TestApp): Promise<TwoCentres> {
  const a = await firstCentreId(app);
  const b = await seedCentre(app, 'Centre B');
  return {
    a,
    b,
    aAdmin: await seedMember(app, a, 'admin'),
    aManager: await seedMember(app, a, 'manager'),
    aCoordinator: await seedMember(app, a, 'coordinator'),
    bAdmin: await seedMember(app, b, 'admin'),
    bManager: await seedMember(app, b, 'manager'),
    bCoordinator: await seedMember(app, b, 'coordinator'),
    network: await seedMember(app, a, 'admin', { networkAdmin: true }),
  };
}

/** The `field` of each entry of a problem document's `errors`. */
export function fieldsOf(body: unknown): string[] {
  const errors = (body as { errors?: { field: string }[] } | undefined)?.errors ?? [];
  return errors.map((e) => e.field);
}
