/** The sid area's messages. Keys start with "sid.". */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
