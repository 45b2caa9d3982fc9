/** SMTP replies in the 5xx range are permanent: retrying will not help. Everything else may pass later. */
export function isPermanentMailFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function describeMailFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { responseCode, code } = error as Error & { responseCode?: number; code?: string };
  return [responseCode ?? code, error.message].filter(Boolean).join(' ').slice(0, 1000);
}
