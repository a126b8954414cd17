import { createContext, useContext } from 'react';

/**
 * The Content-Security-Policy nonce of the current response, for the inline scripts the server
 * renders (Remix's, the JSON-LD). Provided by app/entry.server.tsx; in the browser it is empty,
 * as browsers hide nonces from the page anyway.
 */
export const NonceContext = createContext<string | undefined>(undefined);

export const useNonce = () => useContext(NonceContext);
