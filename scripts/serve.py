"""Serve the dashboard: ``streamlit run app.py`` plus one fix (``make run``, the browser
tests and ``make screenshots`` use it).

The app declares its pages with ``st.navigation``, but its page scripts live in a folder
named ``pages/``. Until a first script run has called ``st.navigation``, Streamlit 1.67 takes
that folder for an old-style multipage app, so the very first visit after the server starts
to any page but the home page shows a "Page not found" dialog over the right page
(streamlit/streamlit#9992). Telling Streamlit up front that the folder is not used that way
removes the dialog; everything else is ``streamlit run``.
"""

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())
