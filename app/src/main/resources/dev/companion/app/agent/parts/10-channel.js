  // ---------------------------------------------------------------------------------------------
  // Talking to the app
  // ---------------------------------------------------------------------------------------------
  /**
   * Sends a message to the app. The token is added to the JSON text after stringify, so that no
   * function the page could have replaced (JSON.stringify, String methods) ever sees it.
   */
  function send(message) {
    try {
      const body = stringify(message);
      const request = '{"k":"' + config.token + '"' + (body === '{}' ? '}' : ',' + substring.call(body, 1));
      query({ request, persistent: false, onSuccess: noop, onFailure: noop });
    } catch (e) {
      // the frame is going away
    }
  }

  /**
   * This frame's path: "" for the top page, else the indices of the frames leading to it, e.g.
   * "0.1" for the second frame inside the first frame. Reading parent.frames works across origins.
   * Null if it cannot be found (then nothing is sent from this frame).
   */
  function framePath() {
    const parts = [];
    let w = window;
    try {
      while (w !== w.parent) {
        const parent = w.parent;
        let index = -1;
        for (let i = 0; i < parent.frames.length; i++) {
          if (parent.frames[i] === w) {
            index = i;
            break;
          }
        }
        if (index < 0) {
          return null;
        }
        parts.unshift(index);
        w = parent;
      }
    } catch (e) {
      return null;
    }
    return parts.join('.');
  }

  /** Sends a captured action, stamped with the page URL and frame path. */
  function emit(action) {
    const frame = framePath();
    if (frame === null) {
      return;
    }
    action.page = location.href;
    action.frame = frame;
    send({ t: 'action', a: action });
  }
