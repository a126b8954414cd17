import { z } from 'zod';

/** A mailed token as it appears in a link: 32 bytes, base64url. */
export const tokenParamSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
