// Input validation is shared by HTTP and sockets: it lives in transport/validate.ts.
export { assertSafeKeys, findUnsafeKey, parse } from '../validate';
