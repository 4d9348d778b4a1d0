/**
 * The made-up shop behind the keyless demo's tools: an order's status and a refund, worked out
 * from the order number alone, so the same number always gives the same answer (a demo and its
 * tests can rely on it) and nothing is stored.
 */
import { createHash } from 'node:crypto';

export interface DemoOrder {
  orderId: string;
  status: 'processing' | 'in transit' | 'out for delivery' | 'delivered';
  carrier: string;
  /** The expected delivery day (YYYY-MM-DD); null once delivered. */
  eta: string | null;
  deliveredOn: string | null;
  items: string[];
}

export interface DemoRefund {
  refundId: string;
  orderId: string;
  status: 'approved';
  amount: { value: number; currency: 'EUR' };
  reason: string | null;
}

const STATUSES: DemoOrder['status'][] = ['in transit', 'processing', 'out for delivery', 'in transit', 'delivered'];
const CARRIERS = ['DHL', 'UPS', 'La Poste', 'DPD'];
const ITEMS = ['Trailhead 2 tent', 'Ridge 40 L pack', 'Summit boots (EU 42)', 'Down sleeping bag', 'Trekking poles'];
const DAY_MS = 86_400_000;

/** A stable number from the order id: the same order, the same answers. */
function seed(orderId: string, salt: string): number {
  return createHash('sha256').update(`${salt}:${orderId}`).digest().readUInt32BE(0);
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** An order's status. `now` only places the dates (ETA a few days ahead, delivery a few days back). */
export function demoOrder(orderId: string, now = Date.now()): DemoOrder {
  const n = seed(orderId, 'order');
  const status = STATUSES[n % STATUSES.length];
  const offset = 1 + (n % 4);
  return {
    orderId,
    status,
    carrier: CARRIERS[(n >>> 3) % CARRIERS.length],
    eta: status === 'delivered' ? null : day(now + offset * DAY_MS),
    deliveredOn: status === 'delivered' ? day(now - offset * DAY_MS) : null,
    items: [ITEMS[(n >>> 5) % ITEMS.length]],
  };
}

/** A refund for an order. Its id depends on the order only, so a retried request gets the same refund. */
export function demoRefund(orderId: string, reason: string | null): DemoRefund {
  const n = seed(orderId, 'refund');
  return { refundId: `RF-${(n % 900_000) + 100_000}`, orderId, status: 'approved', amount: { value: 20 + (n % 180), currency: 'EUR' }, reason };
}
