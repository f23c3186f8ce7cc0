import { z } from 'zod';

/** The `confirm` field destructive operations carry in their body: the name of what they change or delete. */
export const confirmField = z.string().max(300).describe("The resource's name, typed by the user to confirm a destructive change");
