import type { ReactNode } from 'react';

/** The answer to a form on the page: a status when it worked, an alert when it did not; `children` follow the message. */
export function ActionNotice({ result, children }: { result: { ok: boolean; message?: string | null } | undefined; children?: ReactNode }) {
  if (!result?.message) return null;
  return (
    <p className={`notice ${result.ok ? 'notice--info' : 'notice--warning'}`} role={result.ok ? 'status' : 'alert'}>
      {result.message}
      {children}
    </p>
  );
}
