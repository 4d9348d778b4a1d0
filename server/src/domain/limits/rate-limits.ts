import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../app-error';

export type LimitName = 'messagesPerSession' | 'messagesPerIp' | 'sessionsPerIp' | 'apiKey' | 'login';

export interface LimitSettings {
  messagesPerSession: number;
  messagesPerIp: number;
  sessionsPerIp: number;
  apiKey: number;
  login: number;
}

/** Builds one limiter per rule; `factory` lets a Redis-backed store replace memory. */
export type LimiterFactory = (opts: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

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
    };
  }

  async consume(name: LimitName, key: string): Promise<void> {
    try {
      await this.limiters[name].consume(key);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      this.onLimited(name);
      throw new AppError('rate_limited', `too many requests; try again in ${retryAfter} s`, { retryAfter });
    }
  }
}
