import { op } from '../operation';
import { clusterParams } from '@/lib/schemas/common';
import { featuresReport, logDirsQuery, logDirsReport, quorumReport } from '@/lib/schemas/storage';

export const getLogDirs = op({
  id: 'getLogDirs',
  permission: 'cluster:view',
  method: 'get',
  path: '/api/clusters/{cluster}/log-dirs',
  tag: 'Brokers',
  summary:
    'Bytes per broker, log dir and topic (DescribeLogDirs on every broker), offline dirs, replicas being moved between dirs; with ?topic= every replica of that topic',
  params: clusterParams,
  query: logDirsQuery,
  response: logDirsReport,
  errors: { 404: 'No such cluster or topic', 503: 'Kafka cannot be reached' },
});

export const getQuorum = op({
  id: 'getQuorum',
  permission: 'cluster:view',
  method: 'get',
  path: '/api/clusters/{cluster}/quorum',
  tag: 'Brokers',
  summary:
    'The KRaft metadata quorum: leader, epoch, high watermark, voters and observers with log end offsets and lag (DescribeQuorum). A ZooKeeper-era cluster answers applies: false',
  params: clusterParams,
  response: quorumReport,
  errors: { 403: 'The console principal lacks DESCRIBE on the cluster', 503: 'Kafka cannot be reached' },
});

export const getFeatures = op({
  id: 'getFeatures',
  permission: 'cluster:view',
  method: 'get',
  path: '/api/clusters/{cluster}/features',
  tag: 'Brokers',
  summary: 'Finalized and supported feature levels (metadata.version named as Kafka names it), as kafka-features describe shows them',
  params: clusterParams,
  response: featuresReport,
  errors: { 503: 'Kafka cannot be reached' },
});
