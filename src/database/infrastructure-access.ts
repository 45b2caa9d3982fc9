import type { EntityManager } from 'typeorm';

/**
 * A sealed handle on a CentreTx's transaction, for the infrastructure services that own tables which are not
 * centre data (sessions, reset tokens, the outbox) and must change atomically with it. Feature code can pass
 * the handle along but cannot open it: opening it takes `openInfrastructure`, and eslint.config.mjs lets only
 * those services import this file.
 */
export class InfrastructureAccess {
  readonly #manager: EntityManager;

  private constructor(manager: EntityManager) {
    this.#manager = manager;
  }

  /** @internal For CentreTx. */
  static seal(manager: EntityManager): InfrastructureAccess {
    return new InfrastructureAccess(manager);
  }

  static open(access: InfrastructureAccess): EntityManager {
    return access.#manager;
  }
}

/** The transaction's EntityManager behind a handle from `tx.infrastructureManager()`. */
export function openInfrastructure(access: InfrastructureAccess): EntityManager {
  return InfrastructureAccess.open(access);
}
