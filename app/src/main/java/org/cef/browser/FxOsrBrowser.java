package org.cef.browser;

import dev.companion.app.browser.CefThread;
import java.awt.Canvas;
import java.awt.Component;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.cef.CefBrowserSettings;
import org.cef.CefClient;
import org.cef.callback.CefDragData;
import org.cef.handler.CefRenderHandler;
import org.cef.handler.CefScreenInfo;

/**
 * An off-screen (windowless) Chromium browser that renders into whatever {@link Host} it is given
 * instead of a JOGL canvas. It lives in {@code org.cef.browser} because {@link CefBrowser_N}, its
 * constructor and {@code createBrowser}, {@code sendMouseEvent}, {@code sendKeyEvent} and
 * {@code wasResized} are package-private or protected; JCEF's own {@code CefBrowserOsr} is tied to a
 * JOGL canvas that stays 1×1 unless it is shown in an AWT window.
 *
 * <p>Threads: CEF calls the render handler methods on its UI thread (the AWT event thread with
 * JCEF's external message pump). The public input methods post to the AWT event thread.
 */
public final class FxOsrBrowser extends CefBrowser_N implements CefRenderHandler {

    /** Where pixels and render callbacks go; implemented by the JavaFX side. */
    public interface Host {
        /** Current view size in device-independent pixels (origin 0,0); never empty. */
        Rectangle viewRect();

        /** Screen position of the view's top-left corner. */
        Point screenOrigin();

        /** A paint of the view ({@code popup == false}) or of a popup widget (a select's list). */
        void paint(boolean popup, Rectangle[] dirtyRects, ByteBuffer bgra, int width, int height);

        void popupShow(boolean show);

        void popupSize(Rectangle rect);

        /** Cursor type as a {@link java.awt.Cursor} constant. */
        void cursor(int awtCursorType);
    }

    /** Chromium's device scale factor for this view: view coordinates are CSS pixels at zoom 1. */
    public static final double DEVICE_SCALE = 1.0;

    private final Host host;
    /** Only an event source for AWT events; never shown. */
    private final Component eventSource = new Canvas();
    private final CopyOnWriteArrayList<Consumer<CefPaintEvent>> paintListeners = new CopyOnWriteArrayList<>();
    private final Object focusLock = new Object();
    private boolean inSetFocus;
    private Boolean focusState;
    private volatile boolean createRequested;

    public FxOsrBrowser(CefClient client, String url, Host host) {
        super(client, url, null, null, null, settings());
        this.host = host;
    }

    private static CefBrowserSettings settings() {
        CefBrowserSettings s = new CefBrowserSettings();
        s.windowless_frame_rate = 60;
        return s;
    }

    // ---- creation, input, resize (callable from any thread) ---------------------------------

    /** Creates the native browser (asynchronously, on the AWT thread). */
    @Override
    public void createImmediately() {
        if (createRequested) {
            return;
        }
        createRequested = true;
        CefThread.run(() -> createBrowser(getClient(), 0L, getUrl(), true, false, null, getRequestContext()));
    }

    /** Tells Chromium the view size changed; it asks {@link Host#viewRect()} for the new size. */
    public void resized() {
        CefThread.run(() -> {
            Rectangle r = host.viewRect();
            wasResized(r.width, r.height);
        });
    }

    public void mouse(MouseEvent e) {
        CefThread.run(() -> sendMouseEvent(e));
    }

    public void wheel(MouseWheelEvent e) {
        CefThread.run(() -> sendMouseWheelEvent(e));
    }

    public void key(KeyEvent e) {
        if (e.getID() == KeyEvent.KEY_TYPED && e.getKeyChar() == KeyEvent.CHAR_UNDEFINED) {
            return; // JCEF would read 0xFFFF as the Delete keysym (pitfall 3)
        }
        CefThread.run(() -> sendKeyEvent(e));
    }

    /** Gives or takes Chromium's keyboard focus (on the AWT thread). */
    public void focus(boolean focused) {
        CefThread.run(() -> setFocus(focused));
    }

    /** The component AWT events must name as their source. */
    public Component eventSource() {
        return eventSource;
    }

    /**
     * Guarded against re-entry: {@code CefClient.onGotFocus} calls {@code setFocus(true)}, which makes
     * Chromium report focus again, and so on until the stack overflows (java-cef #489).
     */
    @Override
    public void setFocus(boolean enable) {
        synchronized (focusLock) {
            if (inSetFocus || (focusState != null && focusState == enable)) {
                return;
            }
            inSetFocus = true;
            focusState = enable;
        }
        try {
            super.setFocus(enable);
        } finally {
            synchronized (focusLock) {
                inSetFocus = false;
            }
        }
    }

    /** Closes the native browser; safe to call more than once. */
    public void dispose() {
        setCloseAllowed();
        CefThread.run(() -> close(true));
    }

    // ---- CefBrowser -----------------------------------------------------------------------------

    @Override
    public Component getUIComponent() {
        return eventSource;
    }

    @Override
    public CefRenderHandler getRenderHandler() {
        return this;
    }

    @Override
    protected CefBrowser_N createDevToolsBrowser(CefClient client, String url, CefRequestContext context,
                                                 CefBrowser_N parent, Point inspectAt) {
        return null; // DevTools windows are not supported off-screen here
    }

    @Override
    public CompletableFuture<BufferedImage> createScreenshot(boolean nativeResolution) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("use the JavaFX node snapshot"));
    }

    // ---- CefRenderHandler -------------------------------------------------------------------------

    @Override
    public Rectangle getViewRect(CefBrowser browser) {
        return host.viewRect();
    }

    @Override
    public boolean getScreenInfo(CefBrowser browser, CefScreenInfo info) {
        Rectangle r = host.viewRect();
        info.Set(DEVICE_SCALE, 32, 8, false, r, r);
        return true;
    }

    @Override
    public Point getScreenPoint(CefBrowser browser, Point viewPoint) {
        Point p = new Point(host.screenOrigin());
        p.translate(viewPoint.x, viewPoint.y);
        return p;
    }

    @Override
    public void onPopupShow(CefBrowser browser, boolean show) {
        host.popupShow(show);
    }

    @Override
    public void onPopupSize(CefBrowser browser, Rectangle size) {
        host.popupSize(size);
    }

    @Override
    public void onPaint(CefBrowser browser, boolean popup, Rectangle[] dirtyRects, ByteBuffer buffer,
                        int width, int height) {
        host.paint(popup, dirtyRects, buffer, width, height);
        if (!paintListeners.isEmpty()) {
            CefPaintEvent event = new CefPaintEvent(browser, popup, dirtyRects, buffer, width, height);
            for (Consumer<CefPaintEvent> l : paintListeners) {
                l.accept(event);
            }
        }
    }

    @Override
    public void addOnPaintListener(Consumer<CefPaintEvent> listener) {
        paintListeners.add(listener);
    }

    @Override
    public void setOnPaintListener(Consumer<CefPaintEvent> listener) {
        paintListeners.clear();
        paintListeners.add(listener);
    }

    @Override
    public void removeOnPaintListener(Consumer<CefPaintEvent> listener) {
        paintListeners.remove(listener);
    }

    @Override
    public boolean onCursorChange(CefBrowser browser, int cursorType) {
        host.cursor(cursorType);
        return true;
    }

    @Override
    public boolean startDragging(CefBrowser browser, CefDragData dragData, int mask, int x, int y) {
        return false; // drag and drop out of the page is not supported; Chromium cancels the drag
    }

    @Override
    public void updateDragCursor(CefBrowser browser, int operation) {
        // no drag and drop
    }
}
