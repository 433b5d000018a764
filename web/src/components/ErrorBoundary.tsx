// A view that cannot be drawn (a hand-edited link, data the page did not expect) shows what went
// wrong and a way back to the default view, never a blank page.
import { Component, type ReactNode } from "react";

interface Props {
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="dashboard">
        <section className="chart-frame chart-frame--error" role="alert">
          <h1>This view could not be shown</h1>
          <p>{error.message}</p>
          <p>
            <a href="/">Open the default view</a>
          </p>
        </section>
      </main>
    );
  }
}
