"""`main.py soak`: a stranger at the real window, and what went wrong.

Each step walks the widget tree of what is on top (an open menu or popup, else a modal dialog,
else the main window), picks one visible, enabled widget at random and does to it what a person
would: clicks, double clicks, right clicks, typed junk and huge numbers, wheel turns, drags,
keyboard shortcuts. The input comes in through the platform's door, as a person's does: under
Xvfb with xdotool as real X events (`--input x`), elsewhere through QTest's QWindow functions,
which hand it to Qt where the platform plugin would (so popups, grabs, focus and shortcuts route
it). Steps run from a timer on the event loop, a few milliseconds to a third of a second apart,
so a dialog's own event loop is driven like the window's, and no step waits for the compute.

It counts uncaught exceptions (sys.excepthook: an exception in a Qt slot ends up there) and
measures resident memory after a warm-up, with the same small figure on screen and no results
kept for redraws at both ends, so that leaks show as growth. The warm-up begins with a tour (every
loss, each of its fields edited once), so that what is loaded once, on first use, is loaded before
the measurement: torch imports sympy (34 MB) the first time a BCELoss gets a weight. File dialogs
are kept in a temporary folder (a person who stays in one folder), the trust store and settings
are temporary too, and Quit is never chosen.
"""

from ui.devtools.soak.holdings import Report as Report
from ui.devtools.soak.run import main as main
from ui.devtools.soak.run import run as run
