import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../app-error';

export type LimitName = 'messagesPerSession' | 'messagesPerIp' | 'sessionsPerIp' | 'apiKey' | 'login' | 'loginFailures';

export interface LimitSettings {
  messagesPerSession: number;
  messagesPerIp: number;
  sessionsPerIp: number;
  apiKey: number;
  login: number;
  /** Wrong passwords per address and email before that pair is refused for 15 minutes. */
  loginFailures: number;
}

/** Builds one limiter per rule; `factory` lets a Redis-backed store replace memory. */
export type LimiterFactory = (opts: { keyPrefix: string; points: number; duration: number; blockDuration?: number }) => RateLimiterAbstract;

const memoryFactory: LimiterFactory = (opts) => new RateLimiterMemory(opts);

/** Every request-rate rule in one place; each violation is a `rate_limited` error with retryAfter. */
export class RateLimits {
  private readonly limiters: Record<LimitName, RateLimiterAbstract>;

  constructor(
    settings: LimitSettings,
    factory: LimiterFactory = memoryFactory,
    /** Told of every request refused (for metrics). */
    private readonly onLimited: (name: LimitName) => void = () => undefined,
  ) {
    this.limiters = {
      messagesPerSession: factory({ keyPrefix: 'rl_msg_s', points: settings.messagesPerSession, duration: 60 }),
      messagesPerIp: factory({ keyPrefix: 'rl_msg_ip', points: settings.messagesPerIp, duration: 60 }),
      sessionsPerIp: factory({ keyPrefix: 'rl_ses_ip', points: settings.sessionsPerIp, duration: 60 }),
      apiKey: factory({ keyPrefix: 'rl_key', points: settings.apiKey, duration: 60 }),
      login: factory({ keyPrefix: 'rl_login', points: settings.login, duration: 15 * 60 }),
      loginFailures: factory({ keyPrefix: 'rl_login_fail', points: settings.loginFailures, duration: 15 * 60, blockDuration: 15 * 60 }),
    };
  }

  /** Refuses (rate_limited) when `key` has used up the rule without consuming a point: for rules counting failures only. */
  async assertOpen(name: LimitName, key: string): Promise<void> {
    const res = await this.limiters[name].get(key);
    if (res && res.remainingPoints <= 0 && res.msBeforeNext > 0) this.refuse(name, res);
  }

  /** Counts a failure against `key` (never refuses by itself: the next assertOpen does). */
  async penalise(name: LimitName, key: string): Promise<void> {
    await this.limiters[name].consume(key).catch((err: unknown) => {
      if (!(err instanceof RateLimiterRes)) throw err;
    });
  }

  /** Forgets `key`'s count (a correct password clears the failures before it). */
  async forgive(name: LimitName, key: string): Promise<void> {
    await this.limiters[name].delete(key);
  }

  private refuse(name: LimitName, res: RateLimiterRes): never {
    const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    this.onLimited(name);
    throw new AppError('rate_limited', `too many requests; try again in ${retryAfter} s`, { retryAfter });
  }

  async consume(name: LimitName, key: string): Promise<void> {
    try {
      await this.limiters[name].consume(key);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      this.refuse(name, err);
    }
  }
}
