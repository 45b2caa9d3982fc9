/** The admin area's messages. Keys start with "admin.". */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
