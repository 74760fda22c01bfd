from html import escape
import rag.ui.app, rag.ui.render
from test_ui_browser import *  # noqa
from test_ui_browser import show_answer

def test_old_escape_only(browser, tracker, monkeypatch):
    for module in (rag.ui.app, rag.ui.render):
        monkeypatch.setattr(module, "safe_markdown", lambda t: escape(t, quote=False))
    page, pointing = show_answer(browser, tracker)
    print("POINTING", pointing, "REQUESTS", tracker.requests)
