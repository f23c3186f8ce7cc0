import { op } from '../operation';
import { topicParams } from '@/lib/schemas/common';
import {
  browseQuery,
  messagesPage,
  produceBody,
  produceResult,
  searchEvents,
  searchQuery,
  tailEvents,
  tailQuery,
  type ProduceResult,
} from '@/lib/schemas/messages';

/** Records: browse a page, produce one, search and tail (Server-Sent Events). */

export const browseMessages = op({
  id: 'browseMessages',
  permission: 'messages:read',
  method: 'get',
  path: '/api/clusters/{cluster}/topics/{topic}/messages',
  tag: 'Messages',
  summary: 'One page of records (no consumer group, nothing committed); bytes that are not UTF-8 come as base64',
  params: topicParams,
  query: browseQuery,
  response: messagesPage,
  errors: { 404: 'No such cluster, topic or partition', 422: 'Offset beyond the end of the chosen partitions', 503: 'Kafka cannot be reached' },
});

export const produceMessage = op({
  id: 'produceMessage',
  permission: 'messages:produce',
  method: 'post',
  path: '/api/clusters/{cluster}/topics/{topic}/messages',
  tag: 'Messages',
  summary: 'Produce one record with exactly the given bytes (UTF-8 text or decoded base64); returns its partition and offset',
  params: topicParams,
  body: produceBody,
  mutates: true,
  audit: (r) => ({ after: { partition: (r as ProduceResult).partition, offset: (r as ProduceResult).offset } }),
  response: produceResult,
  errors: {
    404: 'No such cluster, topic or partition',
    422: 'Malformed base64 or invalid fields; a key or value that does not fit the schema it is to be encoded with',
    503: 'Kafka cannot be reached',
  },
});

export const searchMessages = op({
  id: 'searchMessages',
  permission: 'messages:read',
  method: 'get',
  path: '/api/clusters/{cluster}/topics/{topic}/messages/search',
  tag: 'Messages',
  summary:
    'Server-side filter over a range of records within a budget. SSE events: message (a match), progress (scanned, matched, position per partition), warning (a partition skipped), done (reason and a cursor to continue), error (the search ended early: code undecodable for a record batch that cannot be decoded, with its partition and offset, or internal; always the last event)',
  params: topicParams,
  query: searchQuery,
  stream: true,
  events: searchEvents,
  errors: { 404: 'No such cluster, topic or partition', 422: 'Offset beyond the end of the chosen partitions', 503: 'Kafka cannot be reached' },
});

export const tailMessages = op({
  id: 'tailMessages',
  permission: 'messages:read',
  method: 'get',
  path: '/api/clusters/{cluster}/topics/{topic}/messages/tail',
  tag: 'Messages',
  summary:
    'Live tail from the end (or the last N per partition), no consumer group. SSE events: message, progress, skipped (records dropped because the client fell behind), warning, error (the tail ended: code undecodable for a record batch that cannot be decoded, with its partition and offset, or internal; always the last event); heartbeat comments',
  params: topicParams,
  query: tailQuery,
  stream: true,
  events: tailEvents,
  errors: { 404: 'No such cluster, topic or partition', 503: 'Kafka cannot be reached' },
});
