"""anis-viz: an interactive dashboard of an association's history, traced to its source text.

Layers (data flows one way): ``data`` loads and validates a data package; topic modules
(``timeline``, ``network``, ``themes``, ``overview``, ``filters``) transform it; ``figures``
builds Plotly figures; ``export`` turns figures into files; ``ui`` and the pages show them.
Only ``ui`` and the pages import Streamlit.
"""

__version__ = "0.1.0"
