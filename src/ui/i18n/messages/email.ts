/** The email area's messages. Keys start with "email.". */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
