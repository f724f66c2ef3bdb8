import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** A table that scrolls sideways on a narrow screen, reachable by keyboard and named by its caption. */
export function DataTable({
  caption,
  testId,
  class: className,
  children,
}: {
  caption: string;
  testId?: string;
  class?: string;
  children: ComponentChildren;
}) {
  const id = useId();
  return (
    <div class="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
      <table class={className} data-testid={testId}>
        <caption id={id}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
