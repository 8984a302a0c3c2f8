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
