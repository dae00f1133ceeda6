import type { ComponentChild } from 'preact';
import { useState } from 'preact/hooks';

/** How many items of a history list are shown before the disclosure (newest first). */
export const LISTED_OUTRIGHT = 5;

export interface LongListProps<T> {
  /** In the order they are read, most relevant (newest) first. */
  items: T[];
  /** How many are listed outright; the rest wait behind a disclosure. */
  shown: number;
  /** The disclosure's label, given how many it holds ("All 198 earlier answers"). */
  more(count: number): string;
  keyOf(item: T): string;
  render(item: T): ComponentChild;
}

/**
 * A list that can grow with a chart's history (five years of weekly answers, every dose change):
 * the first few items outright, the rest in a disclosure whose items are built only when opened,
 * so a long history neither buries the card nor costs every chart open hundreds of elements.
 */
export function LongList<T>({ items, shown, more, keyOf, render }: LongListProps<T>) {
  const [open, setOpen] = useState(false);
  const rest = items.slice(shown);
  return (
    <>
      <ul>
        {items.slice(0, shown).map((item) => (
          <li key={keyOf(item)}>{render(item)}</li>
        ))}
      </ul>
      {rest.length > 0 && (
        <details
          class="cs-more"
          onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
        >
          <summary>{more(rest.length)}</summary>
          {open && (
            <ul>
              {rest.map((item) => (
                <li key={keyOf(item)}>{render(item)}</li>
              ))}
            </ul>
          )}
        </details>
      )}
    </>
  );
}
