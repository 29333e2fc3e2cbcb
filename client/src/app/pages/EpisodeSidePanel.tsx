import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';

/** One tab of the episode's side panel. */
export interface SideTab {
  id: string;
  label: string;
  render: () => ReactNode;
}

/**
 * The tabs of the editor's right-hand panel (issue 5: Evidence | Revisions),
 * the open one kept in `?panel=` so a reload or a link keeps it. Only the
 * open tab is mounted: a panel's effects (revision mode's marks) end with it.
 */
export function EpisodeSidePanel({ tabs, label }: { tabs: SideTab[]; label: string }) {
  const [params, setParams] = useSearchParams();
  const open = tabs.find((tab) => tab.id === params.get('panel')) ?? tabs[0];
  if (!open) return null;
  const select = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('panel', id);
    setParams(next, { replace: true });
  };
  return (
    <div className="side-panel">
      <div className="tabs side-tabs" role="tablist" aria-label={label}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`side-tab-${tab.id}`}
            aria-selected={tab.id === open.id}
            aria-controls={`side-panel-${tab.id}`}
            className={`tab ${tab.id === open.id ? 'is-active' : ''}`}
            onClick={() => select(tab.id)}
            data-testid={`side-tab-${tab.id}`}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`side-panel-${open.id}`} aria-labelledby={`side-tab-${open.id}`} className="side-tab-panel">
        {open.render()}
      </div>
    </div>
  );
}
