/** The kafka-reassign-partitions commands that do what the console does (the file is the plan's `json`). */
const tool = (bootstrap: string) => `kafka-reassign-partitions --bootstrap-server ${bootstrap}`;

export const reassignCommands = {
  generate: (bootstrap: string, topics: string[] | null, brokers: number[]) =>
    `${tool(bootstrap)} --topics-to-move-json-file topics.json --broker-list "${brokers.join(',')}" --generate   # topics.json: ${JSON.stringify({
      version: 1,
      topics: (topics ?? ['<every topic>']).map((topic) => ({ topic })),
    })}`,
  execute: (bootstrap: string, throttle: number | null) =>
    `${tool(bootstrap)} --reassignment-json-file reassignment.json --execute${throttle === null ? '' : ` --throttle ${throttle}`}`,
  verify: (bootstrap: string) => `${tool(bootstrap)} --reassignment-json-file reassignment.json --verify`,
  cancel: (bootstrap: string) => `${tool(bootstrap)} --reassignment-json-file reassignment.json --cancel`,
  list: (bootstrap: string) => `${tool(bootstrap)} --list`,
};
