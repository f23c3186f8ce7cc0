import type { Operation } from '../operation';
import * as clusters from './clusters';

/** Every API operation; /api/openapi.json is generated from this list. Add a domain's module here. */
export const operations: Operation[] = [...Object.values(clusters)];
import * as messages from './messages';

operations.push(...Object.values(messages));
