/** The dashboard area's messages. Keys start with "dashboard.". */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
