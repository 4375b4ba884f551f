/** The workspace the bench plays: every server checks requests against the same secret. */
export const SIGNING_SECRET = 'benchsigningsecret0123456789';
export const BOT_TOKEN = 'xoxb-1-bench';
export const TEAM_ID = 'T1';
/** Enough users for the bot's users.info cache to matter, few enough that the warm-up fills it. */
export const USERS = Array.from({ length: 20 }, (_, i) => `UBENCH${i}`);
/** Bolt refuses requests signed more than 5 minutes ago; the bare server applies the same rule. */
export const MAX_SIGNATURE_AGE_S = 300;
