/** The engagements area's messages. Keys start with "engagements.". */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
