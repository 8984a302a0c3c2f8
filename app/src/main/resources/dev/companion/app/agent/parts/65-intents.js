  // ---------------------------------------------------------------------------------------------
  // Intents: what the leader meant, applied by value. A checkbox or switch is set to checked or
  // unchecked (nothing is clicked when it already is), a radio chosen, a select's option chosen by
  // its label, a field's or contenteditable's text set. The events a person's change would fire
  // are fired, under "applying".
  // ---------------------------------------------------------------------------------------------
  const ARIA_TOGGLE_ROLES = new Set(['checkbox', 'switch', 'radio', 'menuitemcheckbox', 'menuitemradio']);
  /** How long a page may take to show the state a click on its custom switch asked for. */
  const TOGGLE_SETTLE_MS = 500;

  /** A custom checkbox, switch or radio (aria-checked), or a toggle button (aria-pressed). */
  function isAriaToggle(el) {
    if (!isElement(el) || isToggle(el)) {
      return false;
    }
    const role = roleOf(el);
    return (ARIA_TOGGLE_ROLES.has(role) && hasAttribute.call(el, 'aria-checked'))
      || (role === 'button' && hasAttribute.call(el, 'aria-pressed'));
  }

  /** Whether an ARIA toggle is on. */
  function ariaChecked(el) {
    const value = attr(el, hasAttribute.call(el, 'aria-checked') ? 'aria-checked' : 'aria-pressed');
    return value === 'true';
  }

  function toggleWords(el, checked) {
    const role = isToggle(el) ? inputType(el) : roleOf(el) || 'toggle';
    const name = clip(accessibleName(el), 60);
    return role + (name ? " '" + name + "'" : '') + (checked ? ' stayed off' : ' stayed on');
  }

  /** A native checkbox or radio brought to checked, firing what a person's click would. */
  function setChecked(el, checked) {
    if (el.checked !== checked) {
      click(el); // toggles and fires click/input/change as a user's click would
    }
    if (el.checked !== checked) {
      checkedSetter.call(el, checked); // e.g. unchecking a radio, or a page that cancelled the click
      fire(el, 'input');
      fire(el, 'change');
    }
    return el.checked === checked ? ok() : fail('state-not-reached', toggleWords(el, checked));
  }

  /**
   * A custom switch, checkbox, radio or toggle button brought to checked: clicked only when it is
   * not there already, then given up to TOGGLE_SETTLE_MS to show the new state.
   */
  async function setAriaChecked(el, checked) {
    if (ariaChecked(el) === checked) {
      return ok();
    }
    applyingNow(() => click(el));
    const deadline = now() + TOGGLE_SETTLE_MS;
    while (ariaChecked(el) !== checked && now() < deadline) {
      await new Promise((resolve) => later(resolve, 20));
    }
    return ariaChecked(el) === checked ? ok() : fail('state-not-reached', toggleWords(el, checked));
  }

  /** The label of the option group an option is in, or "" (none, or not a string). */
  function optionGroupOf(option) {
    const parent = parentNodeOf.call(option);
    return isElement(parent) && tagOf(parent) === 'optgroup' ? clip(norm(parent.label), 256) : '';
  }

  /**
   * A select's option: the one labelled label (what the person saw) when exactly one is, else the
   * one with value; bad-value when neither is there. Two or more labelled so ("Large" under Tea and
   * under Coffee) are told apart by value, else by group (the option group the sender's was in):
   * else ambiguous-target, never the first of them. An option in another group than the sender's is
   * never taken for it (bad-value), even when it is the only one of that label.
   */
  function chooseOption(el, value, label, group) {
    const options = Array.prototype.slice.call(el.options);
    const wanted = typeof group === 'string' && group !== '' ? folded(group) : null;
    const inGroup = (o) => wanted === null || optionGroupOf(o) === '' || folded(optionGroupOf(o)) === wanted;
    const where = wanted === null ? '' : " in '" + clip(group, 30) + "'";
    let option = null;
    if (typeof label === 'string' && label !== '') {
      const labelled = options.filter((o) => folded(o.label || o.text) === folded(label));
      if (labelled.length === 1) {
        option = inGroup(labelled[0]) ? labelled[0] : null;
        if (option === null) {
          return fail('bad-value', "no option '" + clip(label, 60) + "'" + where);
        }
      } else if (labelled.length > 1) {
        const fitting = labelled.filter(inGroup);
        if (fitting.length === 0) {
          return fail('bad-value', "no option '" + clip(label, 60) + "'" + where);
        }
        option = fitting.find((o) => o.value === value) || (fitting.length === 1 ? fitting[0] : null);
        if (option === null) {
          const groups = fitting.map(optionGroupOf).filter((g) => g !== '').map((g) => "'" + clip(g, 30) + "'");
          return fail('ambiguous-target', fitting.length + " options '" + clip(label, 60) + "'"
            + (groups.length > 0 ? ' (in ' + groups.slice(0, 4).join(', ') + ')' : '') + ", none with the leader's value");
        }
      }
    }
    if (option === null) {
      option = options.find((o) => o.value === value && inGroup(o)) || null;
    }
    if (option === null) {
      return fail('bad-value', "no option '" + clip(label || value, 60) + "'" + where);
    }
    setValue(el, option.value);
    return ok();
  }

  /** A text field's value or a contenteditable element's text, announced as typing would. */
  function setText(el, value) {
    if (isTextField(el)) {
      setValue(el, value);
      return ok();
    }
    const host = editingHost(el);
    if (host === el) {
      el.textContent = value;
      el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText',
        data: value }));
      return ok();
    }
    return fail('refused');
  }

  /**
   * The button a form is submitted by: found by its evidence (via) among the form's own submit
   * buttons, else by the selector hint; none when the action names none.
   */
  function submitterOf(form, action) {
    const own = Array.prototype.filter.call(form.elements || [], (b) => isFormSubmitter(b) && b.form === form
      && !isPrivate(b));
    if (action.via && typeof action.via === 'object') {
      const via = action.via;
      const pool = own.filter((b) => !via.name || nameSim(via.name, accessibleName(b)) >= 0.5
        || (via.attrs && via.attrs.value !== undefined && attr(b, 'value') === String(via.attrs.value)));
      if (pool.length === 1) {
        return { el: pool[0] };
      }
      const exact = pool.filter((b) => folded(accessibleName(b)) === folded(via.name || '')
        && (!via.attrs || via.attrs.value === undefined || attr(b, 'value') === String(via.attrs.value)));
      if (exact.length === 1) {
        return { el: exact[0] };
      }
      return pool.length === 0
        ? { error: 'target-not-found', detail: 'no ' + describeFor(via) + ' in the form' }
        : { error: 'ambiguous-target', detail: pool.length + ' ' + plural(via.role || 'button')
          + (via.name ? " '" + clip(via.name, 60) + "'" : '') + ' in the form match equally' };
    }
    if (typeof action.submitter === 'string') {
      const found = querySelector(action.submitter).el;
      if (isElement(found) && own.indexOf(found) >= 0) {
        return { el: found };
      }
    }
    return { el: null };
  }
