import { Injectable } from '@nestjs/common';

/** Set when SIGTERM arrives, so readiness fails at once and load balancers stop sending traffic. */
@Injectable()
export class ShutdownState {
  private shuttingDown = false;

  begin(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }
}
