/** The home area's messages. Keys start with "home.". */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
