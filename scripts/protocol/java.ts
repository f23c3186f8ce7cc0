/** Runs scripts/protocol/JavaVectors.java against the pinned Kafka jars, compiled once into .cache/. */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaHome, projectRoot } from '../kafka/cluster';

export interface KafkaError {
  code: number;
  name: string;
  retriable: boolean;
  message: string;
}

export function runJavaVectors(mode: 'vectors' | 'errors'): unknown {
  const libs = join(kafkaHome(), 'libs');
  const source = join(projectRoot, 'scripts', 'protocol', 'JavaVectors.java');
  const hash = createHash('sha256').update(readFileSync(source)).update(libs).digest('hex').slice(0, 12);
  const classes = join(projectRoot, '.cache', 'protocol-vectors', hash);
  if (!existsSync(join(classes, 'JavaVectors.class'))) {
    mkdirSync(classes, { recursive: true });
    execFileSync('javac', ['-d', classes, '-cp', `${libs}/*`, source], { stdio: 'pipe' });
  }
  return JSON.parse(execFileSync('java', ['-cp', `${libs}/*:${classes}`, 'JavaVectors', mode], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}
