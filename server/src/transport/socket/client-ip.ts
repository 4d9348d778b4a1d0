/** The client's address: the first `X-Forwarded-For` hop when TRUST_PROXY says a proxy sets it. */
export const clientIp = (socket: { handshake: { address: string; headers: Record<string, string | string[] | undefined> } }, trustProxy: boolean): string => {
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string') return forwarded.split(',')[0]?.trim() || socket.handshake.address;
  return socket.handshake.address;
};
