/**
 * Prometheus metrics (prom-client): HTTP traffic, live sockets, AI replies and their latency,
 * stored messages, and Node's own figures. Each process exposes its own; Prometheus scrapes
 * every process. Nothing here runs per streamed token.
 */
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MessageStatus, SessionDto } from '../../../shared/src/contract/types';
import type { EventBus } from '../domain/events/event-bus';
import type { LlmErrorKind } from '../domain/runtime/llm-provider';
import type { ReplyObserver } from '../domain/runtime/reply-observer';

const PREFIX = 'switchboard_';
/** Ids in paths (Mongo ObjectIds) become `:id`, so a route is one series, not one per session. */
const OBJECT_ID = /\/[0-9a-f]{24}(?=\/|$)/g;

export class Metrics implements ReplyObserver {
  readonly registry = new Registry();
  private readonly httpRequests = new Counter({ name: `${PREFIX}http_requests_total`, help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  private readonly httpDuration = new Histogram({ name: `${PREFIX}http_request_duration_seconds`, help: 'Time to answer an HTTP request (an event stream: until it ends)', labelNames: ['method', 'route'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [this.registry] });
  private readonly replies = new Counter({ name: `${PREFIX}ai_replies_total`, help: 'AI replies ended, by status', labelNames: ['status'], registers: [this.registry] });
  private readonly firstTokenSeconds = new Histogram({ name: `${PREFIX}ai_first_token_seconds`, help: 'From asking the model to the first token relayed', buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30], registers: [this.registry] });
  private readonly replySeconds = new Histogram({ name: `${PREFIX}ai_reply_duration_seconds`, help: 'From asking the model to the reply stored', buckets: [0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120], registers: [this.registry] });
  private readonly tokens = new Counter({ name: `${PREFIX}ai_deltas_streamed_total`, help: 'Text deltas relayed to customers', registers: [this.registry] });
  private readonly retries = new Counter({ name: `${PREFIX}llm_retries_total`, help: 'Model requests tried again after failing before their first token', labelNames: ['kind'], registers: [this.registry] });
  private readonly messages = new Counter({ name: `${PREFIX}messages_stored_total`, help: 'Messages stored, by role', labelNames: ['role'], registers: [this.registry] });
  private readonly helpRequests = new Counter({ name: `${PREFIX}help_requests_total`, help: 'Sessions flagged help requested', registers: [this.registry] });
  private readonly limited = new Counter({ name: `${PREFIX}rate_limited_total`, help: 'Requests refused as rate_limited, by limit', labelNames: ['limit'], registers: [this.registry] });
  private readonly customerWait = new Histogram({ name: `${PREFIX}customer_wait_seconds`, help: "From a customer's message nobody had answered to the operator message answering it", buckets: [5, 15, 30, 60, 120, 300, 600, 1800, 3600], registers: [this.registry] });
  private readonly helpWait = new Histogram({ name: `${PREFIX}help_wait_seconds`, help: 'From a help request to a person taking the conversation over', buckets: [5, 15, 30, 60, 120, 300, 600, 1800, 3600], registers: [this.registry] });
  private readonly webhookAttempts = new Counter({ name: `${PREFIX}webhook_attempts_total`, help: 'Webhook delivery attempts, by outcome (failed: the last retry failed too)', labelNames: ['outcome'], registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
  }

  /** Counts what this process stores (each event once, in the process that published it). */
  countDomainEvents(bus: EventBus): void {
    bus.onLocalPublish((e) => {
      if (e.type === 'message.created') this.messages.inc({ role: e.data.message.role });
      else if (e.type === 'help.requested') this.helpRequests.inc();
      else if (e.type === 'command.takeover') this.observeHelpWait(e.data.session);
    });
  }

  /** A gauge read when scraped (replies in progress). */
  gauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name: `${PREFIX}${name}`,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  /** A gauge of one value per label, read when scraped (live sockets per namespace). */
  gaugeBy(name: string, help: string, labelName: string, read: () => Record<string, number>): void {
    new Gauge({
      name: `${PREFIX}${name}`,
      help,
      labelNames: [labelName],
      registers: [this.registry],
      collect() {
        for (const [label, value] of Object.entries(read())) this.set({ [labelName]: label }, value);
      },
    });
  }

  /** Express middleware: counts and times every request by its route pattern. */
  http() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const end = this.httpDuration.startTimer();
      res.once('finish', () => {
        const route = req.route ? `${req.baseUrl}${(req.route as { path: string }).path}`.replace(OBJECT_ID, '/:id') : 'other';
        end({ method: req.method, route });
        this.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    };
  }

  firstToken(ms: number): void {
    this.firstTokenSeconds.observe(ms / 1000);
  }

  replyEnded(status: Exclude<MessageStatus, 'streaming'>, ms: number, deltas: number): void {
    this.replies.inc({ status });
    this.replySeconds.observe(ms / 1000);
    this.tokens.inc(deltas);
  }

  llmRetry(kind: LlmErrorKind): void {
    this.retries.inc({ kind });
  }

  rateLimited(limit: string): void {
    this.limited.inc({ limit });
  }

  /** A takeover answering an open help request: how long that request waited. */
  private observeHelpWait(session: SessionDto): void {
    if (!session.helpRequested || !session.helpRequestedAt) return;
    this.helpWait.observe(Math.max(0, (Date.now() - Date.parse(session.helpRequestedAt)) / 1000));
  }

  /** How long a customer waited for a person (see MessageService.unansweredSince). */
  customerWaited(seconds: number): void {
    this.customerWait.observe(seconds);
  }

  webhookAttempt(outcome: 'succeeded' | 'retrying' | 'failed'): void {
    this.webhookAttempts.inc({ outcome });
  }
}
