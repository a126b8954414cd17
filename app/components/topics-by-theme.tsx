import { Link } from '@remix-run/react';
import { labelOf, THEMES, TOPICS, themeOfTopic, type TopicCode } from '~/taxonomy/taxonomy';

/** An entry's topics under their theme, each linking to the directory filtered on it. */
export function TopicsByTheme({ topics }: { topics: TopicCode[] }) {
  const themes = THEMES.filter((theme) => topics.some((code) => themeOfTopic(code) === theme.code));
  return (
    <div className="topics-by-theme">
      {themes.map((theme) => (
        <section key={theme.code} aria-labelledby={`theme-${theme.code}`}>
          <h3 id={`theme-${theme.code}`}>
            {theme.label} <span className="subtle">— {theme.subtitle}</span>
          </h3>
          <ul>
            {topics
              .filter((code) => themeOfTopic(code) === theme.code)
              .map((code) => (
                <li key={code}>
                  <Link to={`/?topic=${code}`}>
                    {code}: {labelOf(TOPICS, code)}
                  </Link>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
