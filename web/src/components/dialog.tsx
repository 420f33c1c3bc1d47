import type { ComponentChildren } from 'preact';

/** A modal dialog over the page; closes on the backdrop or Escape. */
export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
  return (
    <div class="backdrop" onClick={props.onClose} onKeyDown={(event) => event.key === 'Escape' && props.onClose()}>
      <div class={`dialog ${props.wide ? 'wide' : ''}`} role="dialog" aria-label={props.title} onClick={(event) => event.stopPropagation()}>
        <div class="dialog-header">
          <h2>{props.title}</h2>
          <button class="icon" aria-label="Close" onClick={props.onClose}>
            ×
          </button>
        </div>
        {props.children}
      </div>
    </div>
  );
}
