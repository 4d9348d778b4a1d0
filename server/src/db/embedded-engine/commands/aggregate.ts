import type { Document } from 'bson';
import { docList, intArg, optionalDoc } from '../args';
import { cloneDocument } from '../bson-codec';
import type { CommandContext, CommandTable } from '../command-context';
import { MongoCommandError } from '../errors';
import { aggregateDocuments, findDocuments } from '../query-engine';
import { rewriteTextScoreMeta, stripTextScore, wantsTextScore, withTextScores } from '../text-score';
import { textScorer } from '../text-search';

// Stages that would need a server feature the engine does not have (writes from a pipeline,
// change streams on a standalone), refused up front with MongoDB's own wording where there is one.
const UNSUPPORTED_STAGES: Record<string, string> = {
  $out: '$out is not supported by the embedded engine',
  $merge: '$merge is not supported by the embedded engine',
  $changeStream: 'The $changeStream stage is only supported on replica sets',
  $currentOp: '$currentOp is not supported by the embedded engine',
  $listSessions: '$listSessions is not supported by the embedded engine',
};

function aggregate(command: Document, ctx: CommandContext): Document {
  const pipeline = docList(command, 'pipeline');
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0];
    if (UNSUPPORTED_STAGES[name]) throw new MongoCommandError('IllegalOperation', UNSUPPORTED_STAGES[name]);
  }
  if (command.explain === true) throw new MongoCommandError('IllegalOperation', 'explain is not supported by the embedded engine');

  const target = command.aggregate;
  const collectionLevel = typeof target === 'string';
  const { source, rest } = initialDocuments(ctx, collectionLevel ? target : undefined, pipeline);
  // mingo may write into documents it is given (e.g. $addFields on a dotted path), so every
  // stage works on copies and the stored documents stay untouched.
  const resolve = (name: string): Document[] => (ctx.storage.getCollection(ctx.db, name)?.all() ?? []).map(cloneDocument);
  const results = aggregateDocuments(source.map(cloneDocument), rest, resolve).map(stripTextScore);
  const ns = collectionLevel ? `${ctx.db}.${target}` : `${ctx.db}.$cmd.aggregate`;
  const batchSize = intArg(optionalDoc(command, 'cursor') ?? {}, 'batchSize', -1);
  return { cursor: ctx.cursors.start(ns, results, { batchSize: batchSize < 0 ? undefined : batchSize }), ok: 1 };
}

// A leading $match runs as a find (primary-key fast path, no copying of non-matching documents).
function initialDocuments(ctx: CommandContext, name: string | undefined, pipeline: Document[]): { source: Document[]; rest: Document[] } {
  if (name === undefined) return { source: [], rest: pipeline };
  const collection = ctx.storage.getCollection(ctx.db, name);
  const first = pipeline[0];
  if (first && '$match' in first && Object.keys(first).length === 1 && typeof first.$match === 'object') {
    const match = first.$match as Document;
    const source = findDocuments(collection, { filter: match });
    const rest = pipeline.slice(1);
    // After a `$text` match, later stages may read `{$meta: "textScore"}` (text-score.ts).
    if (match.$text === undefined || !collection || !wantsTextScore(rest)) return { source, rest };
    return { source: withTextScores(source, textScorer(match.$text, collection.textFields())), rest: rewriteTextScoreMeta(rest) as Document[] };
  }
  return { source: collection?.all() ?? [], rest: pipeline };
}

export const aggregateCommands: CommandTable = { aggregate };
