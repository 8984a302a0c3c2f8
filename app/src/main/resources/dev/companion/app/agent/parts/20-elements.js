  // ---------------------------------------------------------------------------------------------
  // What an element is
  // ---------------------------------------------------------------------------------------------
  function isElement(node) {
    return !!node && node.nodeType === 1;
  }

  function tagOf(el) {
    return localNameOf.call(el);
  }

  function attr(el, name) {
    return getAttribute.call(el, name);
  }

  /** input types that are not typed into (or are private): everything else counts as text. */
  const NOT_TEXT_INPUT = new Set(['checkbox', 'radio', 'file', 'password', 'submit', 'button', 'reset',
    'image', 'hidden']);

  function inputType(el) {
    return String(el.type || '').toLowerCase();
  }

  function isTextField(el) {
    const tag = tagOf(el);
    return tag === 'textarea' || (tag === 'input' && !NOT_TEXT_INPUT.has(inputType(el)));
  }

  function isToggle(el) {
    return tagOf(el) === 'input' && (inputType(el) === 'checkbox' || inputType(el) === 'radio');
  }

  function isSelect(el) {
    return tagOf(el) === 'select';
  }

  function isMedia(el) {
    const tag = tagOf(el);
    return (tag === 'video' || tag === 'audio') && el instanceof HTMLMediaElement;
  }

  /** A submit button of a form: its click is covered by the form's submit action. */
  function isFormSubmitter(el) {
    const tag = tagOf(el);
    if (tag === 'button') {
      return inputType(el) === 'submit' && !!el.form;
    }
    if (tag === 'input') {
      return (inputType(el) === 'submit' || inputType(el) === 'image') && !!el.form;
    }
    return false;
  }

  const PRIVATE_AUTOCOMPLETE = /^(cc-.*|one-time-code|current-password|new-password)$/;
  /** Elements once found private stay private (e.g. a password field switched to type=text to show it). */
  const everPrivate = new WeakSet();

  /**
   * A sign-in form: a form with a password field. Everyone signs in to a site with their own
   * account, so nothing in such a form travels — not the user name, not its submit.
   */
  function inSignInForm(el) {
    const form = tagOf(el) === 'form' ? el : closest.call(el, 'form');
    return isElement(form) && !!elQuerySelector.call(form, 'input[type=password i]');
  }

  /**
   * Private fields are never read, sent, or written: password and file inputs, payment and
   * one-time-code fields, everything inside [data-companion-private], and everything in a
   * sign-in form (see inSignInForm).
   */
  function isPrivate(el) {
    if (!isElement(el)) {
      return false;
    }
    if (everPrivate.has(el)) {
      return true;
    }
    let secret = !!closest.call(el, '[data-companion-private]') || inSignInForm(el);
    if (!secret && tagOf(el) === 'input') {
      const type = inputType(el);
      secret = type === 'password' || type === 'file';
    }
    if (!secret) {
      const autocomplete = attr(el, 'autocomplete');
      if (autocomplete) {
        secret = autocomplete.toLowerCase().split(/\s+/).some((t) => PRIVATE_AUTOCOMPLETE.test(t));
      }
    }
    if (secret) {
      everPrivate.add(el);
    }
    return secret;
  }
