import { demoOrder, demoRefund } from '../demo-orders';

const now = Date.parse('2026-12-03T10:00:00.000Z');

describe('the demo shop', () => {
  it('gives the same order the same answer, and different orders different ones', () => {
    expect(demoOrder('1234', now)).toEqual(demoOrder('1234', now));
    const statuses = new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'].map((id) => demoOrder(id, now).status));
    expect(statuses.size).toBeGreaterThan(1);
  });

  it('dates an order from today: an ETA ahead while on its way, a delivery day behind once delivered', () => {
    for (const id of ['1234', '98765', '4411', '7', 'A-17']) {
      const order = demoOrder(id, now);
      if (order.status === 'delivered') {
        expect(order.eta).toBeNull();
        expect(order.deliveredOn! < '2026-12-03').toBe(true);
      } else {
        expect(order.deliveredOn).toBeNull();
        expect(order.eta! > '2026-12-03').toBe(true);
      }
      expect(order).toMatchObject({ orderId: id, carrier: expect.any(String), items: [expect.any(String)] });
    }
  });

  it('gives a retried refund the same refund id', () => {
    expect(demoRefund('1234', 'leaks')).toEqual(demoRefund('1234', 'leaks'));
    expect(demoRefund('1234', null).refundId).toMatch(/^RF-\d{6}$/);
    expect(demoRefund('1234', null).refundId).not.toBe(demoRefund('1235', null).refundId);
  });
});
