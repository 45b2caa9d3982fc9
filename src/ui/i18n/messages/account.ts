/** The account area's messages. Keys start with "account.". */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
