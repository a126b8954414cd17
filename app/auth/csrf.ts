/** The hidden field every state-changing form carries (see app/auth/csrf.server.ts). */
export const CSRF_FIELD = 'csrf';
