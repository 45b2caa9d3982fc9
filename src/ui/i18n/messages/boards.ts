/** The boards area's messages. Keys start with "boards.". */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
