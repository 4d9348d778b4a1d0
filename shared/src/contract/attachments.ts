/** Files in a chat: upload into a session, download (staff, or the customer token of its session). */
import { z } from 'zod';
import * as d from './dtos';
import { created, idParams, obj, ok } from './common';
import { defineArea, defineOperation } from './operation';
import { SESSION as one } from './sessions';

export const uploadAttachment = defineOperation({ method: 'post', path: `${one}/attachments`, tag: 'support desk', summary: 'Upload a file (multipart/form-data field `file`); the type is checked from its bytes', access: 'staffOrCustomer', params: idParams, responses: created('the attachment and the message carrying it', obj({ attachment: d.attachmentDto, message: d.messageDto })), errors: [409, 413, 415] });
export const downloadAttachment = defineOperation({ method: 'get', path: '/v1/attachments/{id}', tag: 'support desk', summary: 'Download a file (staff, or the customer token of its session); nosniff, never HTML', access: 'staffOrCustomer', params: idParams, responses: ok('the file bytes with its Content-Type and Content-Disposition', z.string()) });

export const attachmentsOperations = defineArea({ uploadAttachment, downloadAttachment });
