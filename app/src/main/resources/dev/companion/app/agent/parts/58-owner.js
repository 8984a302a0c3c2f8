  // ---------------------------------------------------------------------------------------------
  // Owner-only steps: a click or submit that commits money or identity is never applied here. This
  // page agent decides on its own page, from the element it resolved (never from a sender's word),
  // outlines the element and answers "owner-only" with the kind and the element's name. The list
  // of words is in docs/protocol.md ("Owner-only steps") and app/BROWSER.md.
  // ---------------------------------------------------------------------------------------------
  /** How long the outline stays when the person does not click. */
  const OWNER_OUTLINE_MS = 30000;

  /** Kinds and what says them in a name, text or value (English and Chinese), in the order checked. */
  const OWNER_WORDS = [
    ['payment', /(^|[^a-z])(pay|buy (it )?now|donate|purchase now|(complete|confirm) (the |your |my )?purchase|(confirm|make|submit) (the |a |your )?payment)([^a-z]|$)|^buy$|(确认|立即|马上|去)?(支付|付款)(?!方式|方法|宝|记录)|(立即|马上|确认)购买/],
    ['place order', /(^|[^a-z])((place|submit|confirm|complete) (your |the |my )?order|order now)([^a-z]|$)|下单|提交订单|确认订单/],
    ['delete account', /(^|[^a-z])(delete|close|deactivate|cancel|remove) (my |your |the )?account([^a-z]|$)|注销|删除(账户|账号|帐户|帐号)/],
  ];

  /** Kinds and what says them in a form's action path. */
  const OWNER_PATHS = [
    ['payment', /(^|\/)(pay|payment|payments|purchase|checkout\/(pay|confirm|complete))(\/|$|\.)/],
    ['place order', /(^|\/)(place-?order|submit-?order|orders?\/(place|submit|confirm))(\/|$|\.)/],
    ['delete account', /(^|\/)(delete-?account|close-?account|account\/(delete|close|deactivate))(\/|$|\.)/],
  ];

  function ownerKindOfWords(s) {
    const t = lower(norm(s));
    for (let i = 0; t && i < OWNER_WORDS.length; i++) {
      if (test(OWNER_WORDS[i][1], t)) {
        return OWNER_WORDS[i][0];
      }
    }
    return null;
  }

  /** The kind a URL's path says (a form's action, a link's href), or null. */
  function ownerKindOfPath(url) {
    let path = '';
    try {
      path = lower(new URL(url || '', location.href).pathname);
    } catch (e) {
      return null;
    }
    for (let i = 0; i < OWNER_PATHS.length; i++) {
      if (test(OWNER_PATHS[i][1], path)) {
        return OWNER_PATHS[i][0];
      }
    }
    return null;
  }

  function ownerKindOfForm(form) {
    if (hasAttribute.call(form, 'data-companion-confirm')) {
      return 'marked';
    }
    const byPath = attr(form, 'action') ? ownerKindOfPath(attr(form, 'action')) : null;
    if (byPath) {
      return byPath;
    }
    const fields = form.elements || [];
    for (let i = 0; i < fields.length; i++) {
      if (isPrivate(fields[i])) {
        return 'sensitive form';
      }
    }
    return null;
  }

  /**
   * {kind, name, el} when pressing el for this action (a click, or a submit of the form el with the
   * submitter chosen) would commit money or identity; null otherwise.
   */
  function ownerOnly(action, el, submitter) {
    // a submit without a submitter (an Enter in a field) is pressed through the form's default button
    const pressed = action.kind === 'submit' ? (submitter || defaultButtonOf(el) || el)
      : (composedClosest(el, 'button, a, input, [role=button], [role=link]') || el);
    const name = clip(tagOf(pressed) === 'form'
      ? attr(pressed, 'aria-label') || attr(pressed, 'name') || attr(pressed, 'id') || 'form'
      : accessibleName(pressed), 60);
    const found = (kind) => ({ kind, name, el: pressed });
    if (composedClosest(el, '[data-companion-confirm]') || (submitter && composedClosest(submitter, '[data-companion-confirm]'))) {
      return found('marked');
    }
    const said = ownerKindOfWords(name) || ownerKindOfWords(attr(pressed, 'value') || '')
      || ownerKindOfWords(attr(pressed, 'title') || '');
    if (said) {
      return found(said);
    }
    const form = action.kind === 'submit' ? el : (isFormSubmitter(pressed) ? pressed.form : null);
    const byForm = form && tagOf(form) === 'form' ? ownerKindOfForm(form) : null;
    if (byForm) {
      return found(byForm);
    }
    const byLink = action.kind === 'click' && tagOf(pressed) === 'a' && attr(pressed, 'href')
      ? ownerKindOfPath(attr(pressed, 'href')) : null;
    if (byLink) {
      return found(byLink);
    }
    // the sender's page agent pressed it in private context (a sign-in, a payment with a PIN): the mark
    // only ever makes a step stricter, never pressable
    return action.owner_only === true ? found('sensitive form') : null;
  }

  /** The first submit button of form: the one an Enter in its fields presses. */
  function defaultButtonOf(form) {
    const fields = form.elements || [];
    for (let i = 0; i < fields.length; i++) {
      if (isFormSubmitter(fields[i]) && fields[i].form === form) {
        return fields[i];
      }
    }
    return null;
  }

  /** The answer for an owner-only step, after outlining its element for the person. */
  function leaveToOwner(found) {
    outlineForOwner(found.el);
    return fail('owner-only', found.kind + " '" + found.name + "'");
  }

  let ownerOutline = null;

  /**
   * Outlines el for the person: a box in a closed shadow root that takes no clicks (so nothing can
   * be pressed through it and a page script cannot reach it), kept over the element while the page
   * scrolls, removed on the person's own click anywhere or after OWNER_OUTLINE_MS.
   */
  function outlineForOwner(el) {
    removeOwnerOutline();
    const remove = outline('companion-owner-step', el, 'position:fixed;pointer-events:none;z-index:2147483647;'
      + 'box-sizing:border-box;border:3px solid #e8590c;border-radius:4px;box-shadow:0 0 0 4px rgba(232,89,12,0.35);', 4);
    const onClick = (e) => {
      if (e.isTrusted) {
        removeOwnerOutline();
      }
    };
    const timer = later(removeOwnerOutline, OWNER_OUTLINE_MS);
    addListener.call(window, 'pointerdown', onClick, true);
    ownerOutline = () => {
      cancel(timer);
      removeListener.call(window, 'pointerdown', onClick, true);
      remove();
    };
  }

  function removeOwnerOutline() {
    if (ownerOutline) {
      const remove = ownerOutline;
      ownerOutline = null;
      remove();
    }
  }
