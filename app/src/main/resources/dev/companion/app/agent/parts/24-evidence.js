  // ---------------------------------------------------------------------------------------------
  // Evidence that a field is private (see 25-privacy.js for the decision): what an element is, what
  // its names and labels say (as words, in English and Chinese), short numeric fields, CSS masking,
  // sign-in forms and logins outside a form, and values that are card or ID numbers. No side effects.
  // Every check uses built-ins taken at install time and loops instead of array methods a page may
  // have replaced, so a page cannot make a field look harmless by changing built-ins later.
  // ---------------------------------------------------------------------------------------------
  const regexExec = RegExp.prototype.exec;
  const toLower = String.prototype.toLowerCase;
  const charCodeAt = String.prototype.charCodeAt;
  const fromCharCode = String.fromCharCode;
  const hasOwnProperty = Object.prototype.hasOwnProperty;
  const isArray = Array.isArray;
  const toInt = parseInt;
  const matchesSelector = Element.prototype.matches;
  const elQuerySelectorAll = Element.prototype.querySelectorAll;
  const getElementById = Document.prototype.getElementById;
  const textContentOf = describe(Node.prototype, 'textContent').get;
  const parentElementOf = describe(Node.prototype, 'parentElement').get;
  const previousElementSiblingOf = describe(Element.prototype, 'previousElementSibling').get;
  const activeElementOf = describe(Document.prototype, 'activeElement').get;
  const inputTypeOf = describe(HTMLInputElement.prototype, 'type').get;
  const formOf = describe(HTMLInputElement.prototype, 'form').get;
  const fieldValueOf = {
    input: describe(HTMLInputElement.prototype, 'value').get,
    textarea: describe(HTMLTextAreaElement.prototype, 'value').get,
  };
  const computedStyle = window.getComputedStyle;
  const styleValue = CSSStyleDeclaration.prototype.getPropertyValue;
  const Observer = MutationObserver;
  /** A login container: at most this many levels above the field, with at most this many fields. */
  const LOGIN_LEVELS = 3;
  const LOGIN_MAX_FIELDS = 8;
  const MAX_LABEL = 200;

  function test(re, s) {
    return regexExec.call(re, s) !== null;
  }

  function lower(s) {
    return toLower.call('' + s);
  }

  function hasOwn(o, k) {
    return hasOwnProperty.call(o, k);
  }

  /** The parts of s between spaces (no String.prototype.split: a page may have replaced it). */
  function spaceSplit(s) {
    const parts = [];
    let part = '';
    for (let i = 0; i <= s.length; i++) {
      if (i === s.length || charCodeAt.call(s, i) <= 32) {
        if (part !== '') {
          parts[parts.length] = part;
        }
        part = '';
      } else {
        part += s[i];
      }
    }
    return parts;
  }

  // ---- what an element is, read with the built-ins ---------------------------------------------

  function typeOf(el) {
    try {
      return tagOf(el) === 'input' ? lower(inputTypeOf.call(el)) : '';
    } catch (e) {
      return lower(attr(el, 'type') || 'text');
    }
  }

  const NOT_FIELD = new Set(['submit', 'button', 'reset', 'image', 'hidden']);
  const NOT_TYPED = new Set(['checkbox', 'radio', 'file', 'submit', 'button', 'reset', 'image', 'hidden',
    'range', 'color']);

  /** Something that holds what a person enters: inputs (not buttons, not hidden), textareas, selects. */
  function isField(el) {
    const tag = tagOf(el);
    return tag === 'textarea' || tag === 'select' || (tag === 'input' && !NOT_FIELD.has(typeOf(el)));
  }

  /** A field one types into (password fields too). */
  function isTyped(el) {
    const tag = tagOf(el);
    return tag === 'textarea' || (tag === 'input' && !NOT_TYPED.has(typeOf(el)));
  }

  function isButton(el) {
    const tag = tagOf(el);
    return tag === 'button' || (tag === 'input' && NOT_FIELD.has(typeOf(el)) && typeOf(el) !== 'hidden');
  }

  function valueOf(el) {
    const get = fieldValueOf[tagOf(el)];
    try {
      return get ? '' + get.call(el) : '';
    } catch (e) {
      return '';
    }
  }

  // ---- words: names and labels as lower-case words ------------------------------------------------

  /**
   * s as " word word ": lower case, camelCase split, Chinese (and other CJK) text apart from Latin
   * text, everything that is not a letter or digit a single space.
   */
  function words(s) {
    if (s.length > MAX_LABEL) {
      s = substring.call(s, 0, MAX_LABEL);
    }
    let out = ' ';
    let prev = 0; // 0 separator, 1 lower or other letter, 2 upper, 3 digit, 4 CJK
    for (let i = 0; i < s.length; i++) {
      const c = charCodeAt.call(s, i);
      let kind = 0;
      if ((c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) {
        kind = 1;
      } else if (c >= 65 && c <= 90) {
        kind = 2;
      } else if (c >= 48 && c <= 57) {
        kind = 3;
      } else if ((c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)) {
        kind = 4;
      }
      if (kind === 0) {
        if (prev !== 0) {
          out += ' ';
        }
      } else {
        const next = i + 1 < s.length ? charCodeAt.call(s, i + 1) : 0;
        const split = prev !== 0 && ((prev === 1 && kind === 2) // camelCase
          || (prev === 2 && kind === 2 && next >= 97 && next <= 122) // CCNumber
          || ((prev === 4) !== (kind === 4))); // Latin next to Chinese
        if (split) {
          out += ' ';
        }
        out += kind === 2 ? fromCharCode(c + 32) : s[i];
      }
      prev = kind;
    }
    return lower(prev === 0 ? out : out + ' ');
  }

  // What names and labels say. Each rule: [reason, words in names and labels, words only in names].
  const SAYS = [
    ['card', / (card ?(number|num|no|nr|nbr|holder|details)|cardnumber|cardno|cardnum|credit ?card|debit ?card|bank ?card|payment ?card|cc ?(number|num|no|name|type)|ccnum(ber)?|(cvc|cvv|csc|cvn|cav)2?|card ?(code|verification|security)|security ?code|expiry|expiration|exp ?(date|month|year|mm|yy)|valid ?(thru|through|until)|mm ?yy)( |$)|卡号|银行卡|信用卡|借记卡|储蓄卡|安全码|有效期/,
      / (card|cc|exp|pan)( |$)/],
    ['account', / (iban|account|acct|accountnumber|routing ?(number|no)|sort ?code|bank ?account)( |$)|账号|帐号|账户|帐户/,
      / (acct ?no)( |$)/],
    ['password', / (password|passwd|passcode|pass ?phrase|passwort|contrase(ñ|n)a|mot ?de ?passe|pin|pincode|pin ?code|secret)( |$)|密码|口令/,
      / (pwd|pass|pw|pin)( |$)/],
    ['code', / (otp|totp|hotp|2fa|mfa|one ?time|verification|verify|verif|vcode|sms ?code|smscode|auth ?code|authentication ?code|confirmation ?code|confirm ?code|activation ?code|access ?code|security ?key)( |$)|验证码|校验码|动态码|确认码|短信码|激活码|验证/,
      / (otp ?code)( |$)/],
    ['id', / (ssn|social ?security|national ?(id|identity|insurance|number)|id ?(number|no|nr|card)|idnumber|idcard|identity ?(card|number|no|document)|passport|tax ?(id|number)|taxid|driver ?s? ?licen[cs]e|licen[cs]e ?number|citizen ?id)( |$)|身份证|证件号|护照|社保|社会保障/,
      / (sin|tin|nin|nino)( |$)/],
  ];

  function saysPrivate(names, texts) {
    for (let i = 0; i < SAYS.length; i++) {
      const rule = SAYS[i];
      if (test(rule[1], names) || test(rule[1], texts) || test(rule[2], names)) {
        return rule[0];
      }
    }
    return null;
  }

  function shortText(el) {
    if (!isElement(el)) {
      return '';
    }
    const t = textContentOf.call(el);
    return typeof t === 'string' && t.length <= MAX_LABEL ? t : '';
  }

  /** What labels a field: its labels, aria-label(ledby), placeholder, title, and short text right before it. */
  function labelText(el) {
    let text = (attr(el, 'aria-label') || '') + ' ' + (attr(el, 'placeholder') || '') + ' ' + (attr(el, 'title') || '');
    const wrapping = closest.call(el, 'label');
    if (wrapping) {
      text += ' ' + shortText(wrapping);
    }
    const id = attr(el, 'id');
    if (id) {
      try {
        const labels = docQuerySelectorAll.call(document, 'label[for="' + cssEscape(id) + '"]');
        for (let i = 0; i < labels.length && i < 3; i++) {
          text += ' ' + shortText(labels[i]);
        }
      } catch (e) {
        // no labels
      }
    }
    const labelledBy = attr(el, 'aria-labelledby');
    if (labelledBy) {
      const ids = spaceSplit(labelledBy);
      for (let i = 0; i < ids.length && i < 3; i++) {
        text += ' ' + shortText(getElementById.call(document, ids[i]));
      }
    }
    // <span>卡号</span><input>, or <div>Card number</div><div><input></div>
    let before = previousElementSiblingOf.call(el);
    if (!before) {
      const parent = parentElementOf.call(el);
      before = parent ? previousElementSiblingOf.call(parent) : null;
    }
    if (before && !isField(before) && !elQuerySelector.call(before, 'input, select, textarea')) {
      text += ' ' + shortText(before);
    }
    return text;
  }

  const PRIVATE_AUTOCOMPLETE = /^(cc-.*|one-time-code|current-password|new-password|username)$/;

  /** The autocomplete token that makes a field private, as a reason; null if none. */
  function autocompleteReason(el) {
    const value = attr(el, 'autocomplete');
    if (!value) {
      return null;
    }
    const tokens = spaceSplit(lower(value));
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (test(PRIVATE_AUTOCOMPLETE, t)) {
        return t === 'one-time-code' ? 'code' : t === 'username' ? 'login' : t[0] === 'c' && t[1] === 'c' ? 'card' : 'password';
      }
    }
    return null;
  }

  const DIGITS_PATTERN = /^(\\d|\[0-9\])(\{(\d+)(,(\d+))?\}|\*|\+)?$/;

  /** A short numeric field: a PIN, a CVC, a one-time code (or one box of one). */
  function shortNumeric(el) {
    if (tagOf(el) !== 'input') {
      return false;
    }
    const pattern = attr(el, 'pattern') || '';
    const digits = regexExec.call(DIGITS_PATTERN, pattern);
    const numeric = lower(attr(el, 'inputmode') || '') === 'numeric' || typeOf(el) === 'tel' || digits !== null;
    if (!numeric) {
      return false;
    }
    const max = toInt(attr(el, 'maxlength') || '', 10);
    if (max === 1 || (max >= 3 && max <= 8)) {
      return true;
    }
    if (digits !== null && digits[3] !== undefined) {
      const least = toInt(digits[3], 10);
      const most = digits[5] !== undefined ? toInt(digits[5], 10) : least;
      return least >= 3 && most <= 8;
    }
    return false;
  }

  /** -webkit-text-security or a password font: a field drawn like a password field. */
  function masked(el) {
    try {
      const style = computedStyle.call(window, el);
      const security = lower(styleValue.call(style, '-webkit-text-security') || 'none');
      if (security !== 'none' && security !== '') {
        return true;
      }
      return test(/text-?security|password|dotsfont/, lower(styleValue.call(style, 'font-family') || ''));
    } catch (e) {
      return false;
    }
  }

  /**
   * A sign-in form: a form with a password field. Everyone signs in to a site with their own
   * account, so nothing in such a form travels — not the user name, not its submit.
   */
  function inSignInForm(el) {
    let form = null;
    if (tagOf(el) === 'form') {
      form = el;
    } else {
      try {
        form = tagOf(el) === 'input' ? formOf.call(el) : null;
      } catch (e) {
        form = null;
      }
      form = form || closest.call(el, 'form');
    }
    return isElement(form) && !!elQuerySelector.call(form, 'input[type=password i]');
  }

  /** A login outside a form: a small container (a few levels up) that also holds a password field. */
  function nearPassword(el) {
    let node = parentElementOf.call(el);
    for (let level = 0; level < LOGIN_LEVELS && isElement(node); level++) {
      if (node === document.body || node === document.documentElement) {
        return false;
      }
      if (elQuerySelector.call(node, 'input[type=password i]')) {
        return elQuerySelectorAll.call(node, 'input:not([type=hidden i]), select, textarea').length <= LOGIN_MAX_FIELDS;
      }
      node = parentElementOf.call(node);
    }
    return false;
  }

  // ---- values ----------------------------------------------------------------------------------

  /** Digits of s if it is written like a number (digits, spaces, - . /, a final X); else null. */
  function numberDigits(s) {
    let digits = '';
    for (let i = 0; i < s.length; i++) {
      const c = charCodeAt.call(s, i);
      if (c >= 48 && c <= 57) {
        digits += s[i];
      } else if ((c === 88 || c === 120) && i === s.length - 1 && digits.length > 0) {
        digits += 'X';
      } else if (c !== 32 && c !== 45 && c !== 46 && c !== 47) {
        return null;
      }
    }
    return digits;
  }

  function luhn(digits) {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = charCodeAt.call(digits, digits.length - 1 - i) - 48;
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return sum % 10 === 0;
  }

  /** A Chinese resident ID number: 17 digits and a check character (ISO 7064 MOD 11-2). */
  function chineseId(digits) {
    if (digits.length !== 18) {
      return false;
    }
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum = 0;
    for (let i = 0; i < 17; i++) {
      const d = charCodeAt.call(digits, i) - 48;
      if (d < 0 || d > 9) {
        return false;
      }
      sum += d * weights[i];
    }
    return '10X98765432'[sum % 11] === digits[17];
  }

  /** The reason a typed value is private ('card', 'id'), or null. */
  function valueReason(value) {
    const digits = value.length <= 40 ? numberDigits(value) : null;
    if (digits === null) {
      return null;
    }
    if (test(/^[0-9 -]+$/, value) && digits.length >= 12 && digits.length <= 19 && luhn(digits)) {
      return 'card';
    }
    if (chineseId(digits) || test(/^\d{3}-\d{2}-\d{4}$/, value)) {
      return 'id';
    }
    return null;
  }
