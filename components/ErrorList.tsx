// Errors as the CLI prints them (`file:line:col: path: message`), one per line, announced when shown.
export function ErrorList({ title, errors }: { title: string; errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="ui-alert" role="alert">
      <strong>{title}</strong>
      <ul className="ui-errors">
        {errors.map((e, i) => (
          <li key={i}>{e}</li>
        ))}
      </ul>
    </div>
  );
}
