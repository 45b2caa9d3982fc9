/** The one source of "now" for business rules (token expiry, throttling, reminders); tests substitute their own. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
