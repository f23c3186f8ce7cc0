import { z } from 'zod';

/** The configured clusters as the API shows them (never their credentials). */
export const publicCluster = z.object({
  id: z.string(),
  name: z.string(),
  bootstrapServers: z.array(z.string()),
  security: z.object({ ssl: z.boolean(), sasl: z.string().nullable() }),
  schemaRegistry: z.boolean().describe('A schema registry is configured for this cluster (its URL and credentials stay on the server)'),
  readOnly: z.boolean().describe('Nobody may change this cluster through the console, whatever their role'),
  connect: z
    .array(z.object({ name: z.string(), url: z.string(), basicAuth: z.boolean(), tls: z.boolean() }))
    .describe('Kafka Connect clusters (their credentials stay on the server)'),
});

export const clusterList = z.object({ clusters: z.array(publicCluster) });

export type PublicCluster = z.infer<typeof publicCluster>;
export type ClusterList = z.infer<typeof clusterList>;
