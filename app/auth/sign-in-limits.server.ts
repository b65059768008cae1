import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { sharedLimiters } from "~/utils/rate-limits.server";
import { singleton } from "~/utils/singleton.server";

// Only failed attempts count, per account first. An office of forty behind one address signs in at
// nine, typos and all, without anyone locked out; a script guessing many passwords for one account
// is slowed after three failures and stopped after five (the account holder is told).
export const ACCOUNT_FAILURES = 5;
const SLOW_AFTER = 3;
// Per address, only what no colleague does: failures against many addresses that have no account
// (a script's list), or a total far beyond any office's typos. Past half of either, every failure
// from the address is slowed; past the limit, an account that has failed recently gets no further
// attempt from there. A person whose own account has no failures is never refused.
export const ADDRESS_UNKNOWN_ACCOUNTS = 100;
export const ADDRESS_FAILURES = 1000;
const WINDOW_SECONDS = 15 * 60;
const SLOW_DELAY_MS = 1000;

type Limiters = { account: RateLimiterAbstract; unknown: RateLimiterAbstract; address: RateLimiterAbstract };

const limiters = singleton("sign-in-limits", (): Limiters => {
  const options = (points: number, keyPrefix: string) => ({
    points,
    duration: WINDOW_SECONDS,
    blockDuration: WINDOW_SECONDS,
    keyPrefix,
  });
  const all = {
    account: options(ACCOUNT_FAILURES, "signin:account"),
    unknown: options(ADDRESS_UNKNOWN_ACCOUNTS, "signin:address-unknown"),
    address: options(ADDRESS_FAILURES, "signin:address"),
  };
  return sharedLimiters("sign-in limits", all);
});

const accountKey = (email: string) => email.trim().toLowerCase();
const consumed = (entry: RateLimiterRes | null) => entry?.consumedPoints ?? 0;

/** Minutes until the next attempt is allowed, or null when it is allowed now. */
export async function signInBlockedFor(email: string, address: string): Promise<number | null> {
  const [account, unknown, total] = await Promise.all([
    limiters.account.get(accountKey(email)),
    limiters.unknown.get(address),
    limiters.address.get(address),
  ]);
  const minutes = (entries: (RateLimiterRes | null)[]) =>
    Math.max(1, Math.ceil(Math.max(...entries.map((entry) => entry?.msBeforeNext ?? 0)) / 60_000));
  if (consumed(account) >= ACCOUNT_FAILURES) return minutes([account]);
  // The address's limit binds only accounts that have failed recently: whether the account
  // exists plays no part, so the answer does not tell a script which addresses have one.
  const addressOver = [consumed(unknown) >= ADDRESS_UNKNOWN_ACCOUNTS ? unknown : null, consumed(total) >= ADDRESS_FAILURES ? total : null].filter(Boolean);
  if (addressOver.length > 0 && consumed(account) > 0) return minutes(addressOver);
  return null;
}

/** Counts a failure; slows the answer when the account or the address looks like guessing; says whether this one locked the account. */
export async function recordFailedSignIn(
  email: string,
  address: string,
  accountExists: boolean,
): Promise<{ accountLocked: boolean }> {
  const consume = async (limiter: RateLimiterAbstract, key: string) => {
    try {
      return await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return rejection;
      throw rejection;
    }
  };
  const [account, total] = await Promise.all([consume(limiters.account, accountKey(email)), consume(limiters.address, address)]);
  // Distinct addresses without an account: counted at their first failure in the window.
  const unknown = !accountExists && account.consumedPoints === 1 ? await consume(limiters.unknown, address) : await limiters.unknown.get(address);
  const slow =
    account.consumedPoints > SLOW_AFTER ||
    consumed(unknown) >= ADDRESS_UNKNOWN_ACCOUNTS / 2 ||
    total.consumedPoints >= ADDRESS_FAILURES / 2;
  if (slow) await new Promise((resolve) => setTimeout(resolve, SLOW_DELAY_MS));
  return { accountLocked: account.consumedPoints === ACCOUNT_FAILURES };
}

export async function clearFailedSignIns(email: string) {
  await limiters.account.delete(accountKey(email));
}
