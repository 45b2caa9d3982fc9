/** The prefix of every JSON API route. */
export const API = 'api/v1';
