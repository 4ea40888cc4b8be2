export function App() {
  return (
    <main>
      <h1>Termlens options</h1>
    </main>
  );
}
