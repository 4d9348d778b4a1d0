import type { OperatorDto } from '../../../../shared/src/contract/types';
import { AppError } from '../app-error';
import type { RateLimits } from '../limits/rate-limits';
import type { OperatorService } from './operator.service';

/**
 * A login slowed for the attacker, not the owner: attempts are limited per address (all
 * emails), and wrong passwords per address + email, so guessing at someone's password from
 * one place locks out only that place, never the real person signing in from theirs. A correct
 * password clears the failures before it. (Before, 20 wrong passwords for an email from
 * anywhere locked its owner out for 15 minutes.)
 */
export async function guardedLogin(operators: OperatorService, limits: RateLimits, input: { email: string; password: string; address: string }): Promise<{ token: string; operator: OperatorDto }> {
  const pair = `${input.address}|${input.email.toLowerCase()}`;
  await limits.consume('login', `ip:${input.address}`);
  await limits.assertOpen('loginFailures', pair);
  try {
    const done = await operators.login(input.email, input.password);
    await limits.forgive('loginFailures', pair);
    return done;
  } catch (err) {
    if (err instanceof AppError && err.code === 'unauthorized') await limits.penalise('loginFailures', pair);
    throw err;
  }
}
