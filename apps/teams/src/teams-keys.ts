/** Redis keys for this bot's caches and limits; the app id keeps two bots on one Redis apart. */
export function teamsKeys(appId: string | undefined) {
  const base = `teams:${appId || "anonymous"}`;
  return {
    member: (aadObjectId: string) => `${base}:member:${aadObjectId}`,
    userIds: `${base}:user-ids`,
    sends: (conversation: string) => `${base}:sends:${conversation}`,
    postLock: (requestId: string, target: string) => `${base}:post-lock:${requestId}:${target}`,
    failures: (requestId: string, target: string) => `${base}:failures:${requestId}:${target}`,
  };
}
export type TeamsKeys = ReturnType<typeof teamsKeys>;
