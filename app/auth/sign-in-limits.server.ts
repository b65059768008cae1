import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { config } from "~/config.server";
import { singleton } from "~/utils/singleton.server";

// Only failed attempts count. An office of forty behind one address signs in at nine without
// anyone locked out; a guessing script is slowed after a few failures and stopped after more.
export const ACCOUNT_FAILURES = 5;
export const ADDRESS_FAILURES = 100;
const WINDOW_SECONDS = 15 * 60;
const SLOW_AFTER = 3;
const SLOW_DELAY_MS = 1000;

type Limiters = { account: RateLimiterAbstract; address: RateLimiterAbstract };

const limiters = singleton("sign-in-limits", (): Limiters => {
  const options = (points: number, keyPrefix: string) => ({
    points,
    duration: WINDOW_SECONDS,
    blockDuration: WINDOW_SECONDS,
    keyPrefix,
  });
  const redisUrl = config().REDIS_URL;
  if (redisUrl) {
    // Several app processes share the counts through Redis; while Redis is unreachable, each
    // process counts on its own rather than letting anyone through uncounted or failing sign-in.
    const storeClient = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    storeClient.on("error", (error: Error) => console.error("Redis (sign-in limits):", error.message));
    return {
      account: new RateLimiterRedis({
        storeClient,
        ...options(ACCOUNT_FAILURES, "signin:account"),
        insuranceLimiter: new RateLimiterMemory(options(ACCOUNT_FAILURES, "signin:account")),
      }),
      address: new RateLimiterRedis({
        storeClient,
        ...options(ADDRESS_FAILURES, "signin:address"),
        insuranceLimiter: new RateLimiterMemory(options(ADDRESS_FAILURES, "signin:address")),
      }),
    };
  }
  return {
    account: new RateLimiterMemory(options(ACCOUNT_FAILURES, "signin:account")),
    address: new RateLimiterMemory(options(ADDRESS_FAILURES, "signin:address")),
  };
});

const accountKey = (email: string) => email.trim().toLowerCase();

/** Minutes until the next attempt is allowed, or null when it is allowed now. */
export async function signInBlockedFor(email: string, address: string): Promise<number | null> {
  const [account, byAddress] = await Promise.all([
    limiters.account.get(accountKey(email)),
    limiters.address.get(address),
  ]);
  const blocked = [
    account && account.consumedPoints >= ACCOUNT_FAILURES ? account : null,
    byAddress && byAddress.consumedPoints >= ADDRESS_FAILURES ? byAddress : null,
  ].filter((entry): entry is RateLimiterRes => entry !== null);
  if (blocked.length === 0) return null;
  const ms = Math.max(...blocked.map((entry) => entry.msBeforeNext));
  return Math.max(1, Math.ceil(ms / 60_000));
}

/** Counts a failure; slows the answer after a few; says whether this one locked the account. */
export async function recordFailedSignIn(email: string, address: string): Promise<{ accountLocked: boolean }> {
  const consume = async (limiter: RateLimiterAbstract, key: string) => {
    try {
      return await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return rejection;
      throw rejection;
    }
  };
  const [account] = await Promise.all([consume(limiters.account, accountKey(email)), consume(limiters.address, address)]);
  if (account.consumedPoints > SLOW_AFTER) await new Promise((resolve) => setTimeout(resolve, SLOW_DELAY_MS));
  return { accountLocked: account.consumedPoints === ACCOUNT_FAILURES };
}

export async function clearFailedSignIns(email: string) {
  await limiters.account.delete(accountKey(email));
}
