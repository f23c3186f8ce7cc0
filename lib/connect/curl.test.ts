import { describe, expect, test } from 'vitest';
import { configDiff, connectCurl } from './curl';

const t = { url: 'http://connect:8083/', basicAuth: false };

describe('connectCurl', () => {
  test('actions as the worker takes them', () => {
    expect(connectCurl.pause(t, 'my-sink')).toBe('curl -sS -X PUT http://connect:8083/connectors/my-sink/pause');
    expect(connectCurl.restart(t, 'a b', { includeTasks: true, onlyFailed: true })).toBe(
      "curl -sS -X POST 'http://connect:8083/connectors/a%20b/restart?includeTasks=true&onlyFailed=true'",
    );
    expect(connectCurl.restartTask(t, 'x', 2)).toBe('curl -sS -X POST http://connect:8083/connectors/x/tasks/2/restart');
  });

  test('bodies are quoted for the shell, basic auth from variables (the password is never shown)', () => {
    const cmd = connectCurl.create({ url: 'https://c', basicAuth: true }, 'it', { file: "/tmp/it's.txt" });
    expect(cmd).toBe(
      `curl -sS -X POST -u "$CONNECT_USER:$CONNECT_PASSWORD" -H 'Content-Type: application/json' --data '{"name":"it","config":{"file":"/tmp/it'\\''s.txt"}}' https://c/connectors`,
    );
  });
});

test('configDiff: added, removed and changed keys only', () => {
  expect(configDiff({ a: '1', b: '2', c: '3' }, { a: '1', b: '20', d: '4' })).toEqual([
    { key: 'b', before: '2', after: '20' },
    { key: 'c', before: '3', after: null },
    { key: 'd', before: null, after: '4' },
  ]);
});
