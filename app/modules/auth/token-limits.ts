// How long an API token may live, in days: shared by the admin page (browser), the server and the CLI.
export const TOKEN_DAYS_DEFAULT = 90;
export const TOKEN_DAYS_MIN = 1;
export const TOKEN_DAYS_MAX = 365;
