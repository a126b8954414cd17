import { Link } from '@remix-run/react';
import { serializeSearchParams, type SearchParams } from '~/search/search-params';

/** Page links that keep the rest of the query state. */
export function Pagination({ params, totalPages }: { params: SearchParams; totalPages: number }) {
  if (totalPages <= 1) return null;
  const href = (page: number) => `?${serializeSearchParams({ ...params, page })}`;
  const current = params.page;
  const pages = [...new Set([1, current - 1, current, current + 1, totalPages])]
    .filter((p) => p >= 1 && p <= totalPages)
    .sort((a, b) => a - b);
  return (
    <nav className="pagination" aria-label="Paginering">
      {current > 1 ? (
        <Link to={href(current - 1)} rel="prev">
          ← Vorige
        </Link>
      ) : null}
      <ol>
        {pages.map((page, index) => (
          <li key={page}>
            {index > 0 && page - pages[index - 1]! > 1 ? <span aria-hidden="true">… </span> : null}
            {page === current ? (
              <span aria-current="page">Pagina {page}</span>
            ) : (
              <Link to={href(page)} aria-label={`Pagina ${page}`}>
                {page}
              </Link>
            )}
          </li>
        ))}
      </ol>
      {current < totalPages ? (
        <Link to={href(current + 1)} rel="next">
          Volgende →
        </Link>
      ) : null}
    </nav>
  );
}
