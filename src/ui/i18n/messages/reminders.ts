/** The reminders area's messages. Keys start with "reminders.". */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
