import { Injectable } from '@nestjs/common';
import type { Centre } from '../database/centre.entity.js';

export type CentreSavedListener = (centre: Centre) => Promise<void>;

/**
 * What features above centres learn about a centre, once its change has committed: it was created, or its
 * settings changed. The reminder scan's schedulers subscribe when the app starts (ReminderSchedules), so the
 * centres module never imports them.
 */
@Injectable()
export class CentreEvents {
  private readonly saved: CentreSavedListener[] = [];

  onSaved(listener: CentreSavedListener): void {
    this.saved.push(listener);
  }

  /** Runs every listener in turn; the first failure is thrown once all have run. */
  async centreSaved(centre: Centre): Promise<void> {
    const failures: unknown[] = [];
    for (const listener of this.saved) await listener(centre).catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  }
}
