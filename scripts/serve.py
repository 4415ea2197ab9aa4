"""Serve the dashboard (``make run``, the browser tests): ``streamlit run app.py`` with the
one fix in :mod:`anis_viz.serve`. Options are Streamlit's: ``--server.port 8501`` …"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from anis_viz.serve import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
