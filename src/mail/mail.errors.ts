/** SMTP replies in the 5xx range are permanent: retrying will not help. Everything else may pass later. */
export function isPermanentMailFailure(error: unknown): boolean {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === 'number') return responseCode >= 500 && responseCode < 600;
  // EENVELOPE with no server reply: nodemailer found no valid recipient, no server will accept it.
  return code === 'EENVELOPE';
}

export function describeMailFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 1000);
  const { responseCode, code } = error as Error & { responseCode?: number; code?: string };
  return [responseCode ?? code, error.message].filter(Boolean).join(' ').slice(0, 1000);
}
