package dev.companion.app.browser;

import org.cef.CefClient;
import org.cef.CefSettings;
import org.cef.browser.CefBrowser;
import org.cef.browser.CefFrame;
import org.cef.browser.CefMessageRouter;
import org.cef.callback.CefContextMenuParams;
import org.cef.callback.CefJSDialogCallback;
import org.cef.callback.CefMenuModel;
import org.cef.callback.CefQueryCallback;
import org.cef.handler.CefContextMenuHandlerAdapter;
import org.cef.handler.CefDisplayHandlerAdapter;
import org.cef.handler.CefJSDialogHandler;
import org.cef.handler.CefJSDialogHandlerAdapter;
import org.cef.handler.CefLifeSpanHandlerAdapter;
import org.cef.handler.CefLoadHandler;
import org.cef.handler.CefLoadHandlerAdapter;
import org.cef.handler.CefMessageRouterHandlerAdapter;
import org.cef.handler.CefRequestHandlerAdapter;
import org.cef.misc.BoolRef;
import org.cef.network.CefRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-wide CEF callbacks, routed to the view that owns the browser. All of them arrive on the
 * CEF UI thread (the AWT event thread): keep them short.
 */
final class CefHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(CefHandlers.class);
    private static final Logger CONSOLE = LoggerFactory.getLogger("dev.companion.app.browser.console");

    private CefHandlers() {
    }

    static void install(BrowserEngine engine, CefClient client, CefMessageRouter router) {
        router.addHandler(new CefMessageRouterHandlerAdapter() {
            @Override
            public boolean onQuery(CefBrowser browser, CefFrame frame, long queryId, String request,
                                   boolean persistent, CefQueryCallback callback) {
                OsrBrowserView view = engine.view(browser);
                if (view == null) {
                    return false;
                }
                view.agent().onMessage(frame, request);
                callback.success("");
                return true;
            }
        }, true);
        client.addMessageRouter(router);

        client.addLoadHandler(new CefLoadHandlerAdapter() {
            @Override
            public void onLoadingStateChange(CefBrowser browser, boolean isLoading, boolean canGoBack,
                                             boolean canGoForward) {
                OsrBrowserView view = engine.view(browser);
                if (view != null) {
                    view.onLoadingState(isLoading);
                }
            }

            @Override
            public void onLoadStart(CefBrowser browser, CefFrame frame, CefRequest.TransitionType type) {
                OsrBrowserView view = engine.view(browser);
                if (view != null) {
                    view.onLoadStart(frame);
                }
            }

            @Override
            public void onLoadEnd(CefBrowser browser, CefFrame frame, int httpStatusCode) {
                OsrBrowserView view = engine.view(browser);
                if (view != null) {
                    view.onLoadEnd(frame);
                }
            }

            @Override
            public void onLoadError(CefBrowser browser, CefFrame frame, CefLoadHandler.ErrorCode errorCode,
                                    String errorText, String failedUrl) {
                LOG.debug("load error {} {} for {}", errorCode, errorText, failedUrl);
                OsrBrowserView view = engine.view(browser);
                // ERR_ABORTED: a load replaced by another one or stopped, not a page that failed
                if (view != null && frame != null && frame.isMain() && errorCode != CefLoadHandler.ErrorCode.ERR_ABORTED) {
                    view.onLoadFailed(failedUrl);
                }
            }
        });

        client.addDisplayHandler(new CefDisplayHandlerAdapter() {
            @Override
            public void onAddressChange(CefBrowser browser, CefFrame frame, String url) {
                OsrBrowserView view = engine.view(browser);
                if (view != null && frame != null && frame.isMain()) {
                    view.onAddress(url);
                }
            }

            @Override
            public void onTitleChange(CefBrowser browser, String title) {
                OsrBrowserView view = engine.view(browser);
                if (view != null) {
                    view.onTitle(title);
                }
            }

            @Override
            public boolean onConsoleMessage(CefBrowser browser, CefSettings.LogSeverity level, String message,
                                            String source, int line) {
                CONSOLE.debug("{} {}:{} {}", level, source, line, message);
                return true;
            }
        });

        client.addRequestHandler(new CefRequestHandlerAdapter() {
            @Override
            public boolean onBeforeBrowse(CefBrowser browser, CefFrame frame, CefRequest request,
                                          boolean userGesture, boolean isRedirect) {
                OsrBrowserView view = engine.view(browser);
                if (view != null && frame != null && frame.isMain()) {
                    view.onBeforeBrowse(isRedirect);
                }
                return false;
            }
        });

        // Popups: JCEF cancels them off-screen before asking Java; the page agent opens links and
        // forms meant for a new window in the same view instead.
        client.addLifeSpanHandler(new CefLifeSpanHandlerAdapter() {
            @Override
            public void onBeforeClose(CefBrowser browser) {
                OsrBrowserView view = engine.view(browser);
                if (view != null) {
                    engine.forget(view);
                }
            }
        });

        client.addJSDialogHandler(new CefJSDialogHandlerAdapter() {
            @Override
            public boolean onJSDialog(CefBrowser browser, String originUrl,
                                      CefJSDialogHandler.JSDialogType type, String messageText,
                                      String defaultPromptText, CefJSDialogCallback callback,
                                      BoolRef suppressMessage) {
                // Off-screen Chromium cannot show its own dialogs: accept alerts, decline confirm and
                // prompt (declining is the safe answer for "really delete?").
                LOG.info("page dialog {} from {}: {}", type, originUrl, messageText);
                callback.Continue(type == CefJSDialogHandler.JSDialogType.JSDIALOGTYPE_ALERT, "");
                return true;
            }

            @Override
            public boolean onBeforeUnloadDialog(CefBrowser browser, String messageText, boolean isReload,
                                                CefJSDialogCallback callback) {
                callback.Continue(true, "");
                return true;
            }
        });

        client.addContextMenuHandler(new CefContextMenuHandlerAdapter() {
            @Override
            public void onBeforeContextMenu(CefBrowser browser, CefFrame frame, CefContextMenuParams params,
                                            CefMenuModel model) {
                model.clear(); // no native menu window off-screen
            }
        });
    }
}
