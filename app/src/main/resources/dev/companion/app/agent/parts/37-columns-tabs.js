  // ---------------------------------------------------------------------------------------------
  // Evidence, continued: what names a place a person tells apart by something outside it — a
  // table cell by its column's header, a tab panel by its tab (used by 36-context.js).
  // ---------------------------------------------------------------------------------------------
  /**
   * The header of the table column el's cell is in ("Invoice" over one "Download", "Receipt" over
   * another), colspans counted; "" when el is in no body cell of a table with a header row.
   */
  function columnHeaderOf(el) {
    const cell = composedClosest(el, 'td,th');
    const row = cell ? parentNodeOf.call(cell) : null;
    const table = row ? composedClosest(row, 'table') : null;
    if (!isElement(table) || !row.cells) {
      return '';
    }
    const head = table.tHead && table.tHead.rows.length > 0 ? table.tHead.rows[0]
      : table.rows.length > 0 && table.rows[0].querySelector('th') ? table.rows[0] : null;
    if (!head || head === row) {
      return '';
    }
    let column = 0;
    for (let i = 0; i < cell.cellIndex; i++) {
      column += row.cells[i].colSpan || 1;
    }
    let at = 0;
    for (const th of head.cells) {
      const span = th.colSpan || 1;
      if (column >= at && column < at + span) {
        const open = tagOf(th) === 'th' && !composedClosest(th, '[data-companion-private]');
        return open ? clip(deepText(th, 300), EVIDENCE_TEXT) : '';
      }
      at += span;
    }
    return '';
  }

  /** The name of the tab that controls a tab panel (aria-controls names the panel's id), or "". */
  function tabOf(panel) {
    const id = attr(panel, 'id');
    const root = rootOf(panel);
    if (!id || typeof root.querySelectorAll !== 'function') {
      return '';
    }
    for (const tab of queryAllIn(root, '[role="tab"][aria-controls]')) {
      if ((attr(tab, 'aria-controls') || '').split(/\s+/).indexOf(id) >= 0) {
        return accessibleName(tab);
      }
    }
    return '';
  }
