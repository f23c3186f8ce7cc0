import type { Operation } from '../operation';
import * as auth from './auth';
import * as clusters from './clusters';
import * as topics from './topics';
import * as brokers from './brokers';
import * as groups from './groups';
import * as messages from './messages';
import * as audit from './audit';
import * as acls from './acls';
import * as users from './users';
import * as quotas from './quotas';
import * as leaders from './leaders';
import * as reassignments from './reassignments';
import * as storage from './storage';
import * as history from './history';
import * as connect from './connect';
import * as schemas from './schemas';

/** Every API operation; /api/openapi.json is generated from this list. Add a domain's module here. */
export const operations: Operation[] = [
  ...Object.values(auth),
  ...Object.values(clusters),
  ...Object.values(topics),
  ...Object.values(brokers),
  ...Object.values(groups),
  ...Object.values(messages),
  ...Object.values(audit),
  ...Object.values(acls),
  ...Object.values(users),
  ...Object.values(quotas),
  ...Object.values(leaders),
  ...Object.values(reassignments),
  ...Object.values(storage),
  ...Object.values(history),
  ...Object.values(connect),
  ...Object.values(schemas),
];
