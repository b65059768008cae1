import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type IRateLimiterOptions, type RateLimiterAbstract } from "rate-limiter-flexible";
import { config } from "~/config.server";

/**
 * Limiters that several app processes share through Redis when REDIS_URL is set (one connection for
 * the set); while Redis is unreachable, each process counts on its own rather than letting anyone
 * through uncounted or failing the request. Without Redis, in this process's memory.
 */
export function sharedLimiters<K extends string>(label: string, limits: Record<K, IRateLimiterOptions>): Record<K, RateLimiterAbstract> {
  const redisUrl = config().REDIS_URL;
  let make = (limit: IRateLimiterOptions): RateLimiterAbstract => new RateLimiterMemory(limit);
  if (redisUrl) {
    const storeClient = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    storeClient.on("error", (error: Error) => console.error(`Redis (${label}):`, error.message));
    make = (limit) => new RateLimiterRedis({ storeClient, ...limit, insuranceLimiter: new RateLimiterMemory(limit) });
  }
  const limiters = {} as Record<K, RateLimiterAbstract>;
  for (const name of Object.keys(limits) as K[]) limiters[name] = make(limits[name]);
  return limiters;
}
