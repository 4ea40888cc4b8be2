// Errors as the CLI prints them (`file:line:col: path: message`), one per item, announced when shown.
// An error's indented lines (the shapes an import tried) are a list under its first line.
export function ErrorList({ title, errors }: { title: string; errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="ui-alert" role="alert">
      <strong>{title}</strong>
      <ul className="ui-errors">
        {errors.map((e, i) => {
          const [first, ...rest] = e.split('\n');
          return (
            <li key={i}>
              {first}
              {rest.length > 0 && (
                <ul>
                  {rest.map((line, j) => (
                    <li key={j}>{line.trim().replace(/^- /, '')}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
