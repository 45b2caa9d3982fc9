/** The tables the demo writes Valdoria into: the demo tests count and compare them between runs. */
export const DEMO_TABLES = [
  'partner',
  'contact',
  'engagement',
  'engagement_partner',
  'engagement_contact',
  'sid_role',
  'sid_campaign',
  'advisory_board',
  'board_membership',
  'board_meeting',
  'reminder',
];
