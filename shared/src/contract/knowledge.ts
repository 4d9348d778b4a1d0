/** /v1/knowledge-bases and their documents. */
import { z } from 'zod';
import * as s from '../schemas';
import * as d from './dtos';
import { created, noContent, obj, ok } from './common';
import { defineArea, defineOperation } from './operation';

export const createKnowledgeBase = defineOperation({ method: 'post', path: '/v1/knowledge-bases', tag: 'knowledge', summary: 'Create a knowledge base', access: 'admin', body: s.knowledgeBaseCreateSchema, responses: created('the knowledge base', obj({ knowledgeBase: d.knowledgeBaseDto })) });
export const listKnowledgeBases = defineOperation({ method: 'get', path: '/v1/knowledge-bases', tag: 'knowledge', summary: 'List knowledge bases', access: 'staff', responses: ok('knowledge bases', obj({ knowledgeBases: z.array(d.knowledgeBaseDto) })) });
export const listDocuments = defineOperation({ method: 'get', path: '/v1/knowledge-bases/{id}/documents', tag: 'knowledge', summary: 'List a knowledge base’s documents', access: 'staff', responses: ok('documents', obj({ documents: z.array(d.knowledgeDocumentDetailDto) })) });
export const updateDocument = defineOperation({ method: 'patch', path: '/v1/knowledge-bases/{id}/documents/{docId}', tag: 'knowledge', summary: 'Replace a document (re-split into passages)', access: 'admin', body: s.documentUpdateSchema, responses: ok('the document', obj({ document: d.knowledgeDocumentDetailDto })), errors: [413] });
export const deleteDocument = defineOperation({ method: 'delete', path: '/v1/knowledge-bases/{id}/documents/{docId}', tag: 'knowledge', summary: 'Delete a document', access: 'admin', responses: noContent });
export const searchKnowledge = defineOperation({ method: 'get', path: '/v1/knowledge-bases/{id}/search', tag: 'knowledge', summary: 'What the AI would find for a question (the passages a reply is given)', access: 'staff', query: s.knowledgeSearchQuerySchema, responses: ok('passages, best first', obj({ passages: z.array(obj({ title: z.string(), text: z.string(), documentId: z.string().optional() })) })) });
export const addDocument = defineOperation({ method: 'post', path: '/v1/knowledge-bases/{id}/documents', tag: 'knowledge', summary: 'Add a document (split into searchable passages)', access: 'admin', body: s.documentCreateSchema, responses: created('the document', obj({ document: d.knowledgeDocumentDto })), errors: [413] });

export const knowledgeOperations = defineArea({ createKnowledgeBase, listKnowledgeBases, listDocuments, updateDocument, deleteDocument, searchKnowledge, addDocument });
