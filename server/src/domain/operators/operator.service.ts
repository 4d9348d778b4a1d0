import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import { Types } from 'mongoose';
import type { OperatorDto, OperatorRole, OperatorStatus } from '../../../../shared/src/contract/types';
import { OperatorModel, type OperatorDoc } from '../../db/models/operator.model';
import { isDuplicateKey } from '../../db/duplicate-key';
import { AppError, notFound } from '../app-error';
import type { EventBus } from '../events/event-bus';
import { toOperatorDto } from './operator.mapper';

const BCRYPT_ROUNDS = 10;

export interface OperatorCreateInput {
  email: string;
  name: string;
  password: string;
  role: OperatorRole;
}

interface TokenClaims {
  sub: string;
  ver: number;
}

/** Staff accounts and their login tokens (signed, expiring, revocable by version). */
export class OperatorService {
  constructor(
    private readonly bus: EventBus,
    private readonly secret: string,
    private readonly tokenTtlSeconds: number,
  ) {}

  async create(input: OperatorCreateInput): Promise<OperatorDto> {
    const passwordHash = await bcrypt.hash(input.password, BCRYPT_ROUNDS);
    try {
      return toOperatorDto(await OperatorModel.create({ email: input.email, name: input.name, role: input.role, passwordHash }));
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('conflict', 'an operator with this email exists', { field: 'email' });
      throw err;
    }
  }

  async count(): Promise<number> {
    return OperatorModel.countDocuments();
  }

  async list(): Promise<OperatorDto[]> {
    return (await OperatorModel.find().sort({ createdAt: 1 })).map(toOperatorDto);
  }

  async get(id: string): Promise<OperatorDto> {
    return toOperatorDto(await this.doc(id));
  }

  async patch(id: string, input: { name?: string; password?: string; role?: OperatorRole; status?: OperatorStatus }): Promise<OperatorDto> {
    const set: Record<string, unknown> = {};
    if (input.name) set.name = input.name;
    if (input.role) set.role = input.role;
    if (input.status) set.status = input.status;
    if (input.password) set.passwordHash = await bcrypt.hash(input.password, BCRYPT_ROUNDS);
    const update = input.password ? { $set: set, $inc: { tokenVersion: 1 } } : { $set: set };
    const doc = Types.ObjectId.isValid(id) ? await OperatorModel.findByIdAndUpdate(id, update, { returnDocument: 'after' }) : null;
    if (!doc) throw notFound('operator');
    if (input.password) this.bus.send({ kind: 'revoke', operatorId: id });
    const operator = toOperatorDto(doc);
    if (input.status) this.bus.send({ kind: 'operator-status', operator });
    return operator;
  }

  /**
   * Operators with a console open in this process are present until `until`. Those who were not
   * present a moment ago are announced (`operators:status`), so every console sees them arrive.
   */
  async markPresent(ids: string[], until: Date): Promise<void> {
    if (ids.length === 0) return;
    const objectIds = ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
    const arriving = await OperatorModel.find({ _id: { $in: objectIds }, $or: [{ presentUntil: null }, { presentUntil: { $lte: new Date() } }] }, { _id: 1 }).lean();
    await OperatorModel.updateMany({ _id: { $in: objectIds } }, { $set: { presentUntil: until, presenceOpen: true } });
    for (const { _id } of arriving) {
      const doc = await OperatorModel.findById(_id);
      if (doc) this.bus.send({ kind: 'operator-status', operator: toOperatorDto(doc) });
    }
  }

  /**
   * The operator closed their last console: present no more, announced at once rather than when
   * the window runs out. Conditional, so of two processes noticing it only one announces it (and
   * gets the operator back; null otherwise).
   */
  async markAbsent(id: string): Promise<OperatorDto | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const now = new Date();
    const doc = await OperatorModel.findOneAndUpdate({ _id: id, presentUntil: { $gt: now } }, { $set: { presentUntil: now, presenceOpen: false } }, { returnDocument: 'after' });
    if (!doc) return null;
    const operator = toOperatorDto(doc);
    this.bus.send({ kind: 'operator-status', operator });
    return operator;
  }

  /**
   * Operators whose presence ran out without a departure (their server process died, or their
   * network did for longer than the window): each handled once, by one conditional update, in
   * whichever process gets there first; announced like a departure.
   */
  async sweepLapsedPresence(limit = 100): Promise<OperatorDto[]> {
    const lapsed: OperatorDto[] = [];
    while (lapsed.length < limit) {
      const doc = await OperatorModel.findOneAndUpdate({ presenceOpen: true, presentUntil: { $lte: new Date() } }, { $set: { presenceOpen: false } }, { returnDocument: 'after' });
      if (!doc) break;
      const operator = toOperatorDto(doc);
      this.bus.send({ kind: 'operator-status', operator });
      lapsed.push(operator);
    }
    return lapsed;
  }

  async remove(id: string): Promise<void> {
    const res = Types.ObjectId.isValid(id) ? await OperatorModel.deleteOne({ _id: id }) : { deletedCount: 0 };
    if (res.deletedCount === 0) throw notFound('operator');
    this.bus.send({ kind: 'revoke', operatorId: id });
  }

  /** Checks a password; answers the same error for an unknown email and a wrong password. */
  async login(email: string, password: string): Promise<{ token: string; operator: OperatorDto }> {
    const doc = await OperatorModel.findOne({ email: email.toLowerCase() });
    const ok = doc ? await bcrypt.compare(password, doc.passwordHash) : await bcrypt.compare(password, DUMMY_HASH);
    if (!doc || !ok) throw new AppError('unauthorized', 'email or password is wrong');
    const claims: TokenClaims = { sub: doc._id.toHexString(), ver: doc.tokenVersion };
    const token = jwt.sign(claims, this.secret, { algorithm: 'HS256', expiresIn: this.tokenTtlSeconds });
    return { token, operator: toOperatorDto(doc) };
  }

  /** Resolves a login token to its operator; expired, forged, or outdated tokens are refused. */
  async verifyToken(token: string): Promise<OperatorDto> {
    let claims: TokenClaims;
    try {
      claims = jwt.verify(token, this.secret, { algorithms: ['HS256'] }) as TokenClaims;
    } catch {
      throw new AppError('unauthorized', 'the login token is invalid or has expired');
    }
    const doc = Types.ObjectId.isValid(claims.sub) ? await OperatorModel.findById(claims.sub) : null;
    if (!doc || doc.tokenVersion !== claims.ver) throw new AppError('unauthorized', 'the login token is no longer valid');
    return toOperatorDto(doc);
  }

  private async doc(id: string): Promise<OperatorDoc> {
    const doc = Types.ObjectId.isValid(id) ? await OperatorModel.findById(id) : null;
    if (!doc) throw notFound('operator');
    return doc;
  }
}

// Compared against when the email is unknown, so both failures take the same time.
const DUMMY_HASH = bcrypt.hashSync('switchboard-timing-equaliser', BCRYPT_ROUNDS);
