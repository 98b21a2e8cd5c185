/** The part of tslab's display a frame uses. */
export interface HtmlDisplay {
  html(markup: string): void;
}

interface TslabModule {
  display?: HtmlDisplay;
  /** A display entry that each call overwrites (Jupyter's update_display_data). */
  newDisplay?: () => HtmlDisplay & { text(s: string): void };
}

interface TslabGlobal {
  require?: (id: string) => TslabModule;
}

/**
 * tslab's display when this code runs in a tslab notebook kernel, else undefined. tslab has no _repr_html_
 * protocol: a library shows HTML by calling the kernel's own `tslab` module, which tslab reaches through the
 * `__tslab__.require` it puts on globalThis for each cell.
 */
export function notebookDisplay(): HtmlDisplay | undefined {
  return tslabModule()?.display;
}

/** A fresh overwritable notebook output, when running in tslab. */
export function notebookUpdatingDisplay(): ReturnType<NonNullable<TslabModule['newDisplay']>> | undefined {
  return tslabModule()?.newDisplay?.();
}

function tslabModule(): TslabModule | undefined {
  const tslab = (globalThis as { __tslab__?: TslabGlobal }).__tslab__;
  try {
    return tslab?.require?.('tslab');
  } catch {
    return undefined;
  }
}
