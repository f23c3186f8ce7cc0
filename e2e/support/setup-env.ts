import { inject } from 'vitest';

// Route handlers read their cluster config from the environment on first use.
Object.assign(process.env, inject('testEnv'));
