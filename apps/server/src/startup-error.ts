/** A problem that stops the process at start: exit 1 with this one-line message. */
export class StartupError extends Error {}
