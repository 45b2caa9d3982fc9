/** The partners area's messages. Keys start with "partners.". */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
