"""The pages of the app, in menu order: (script, title key, URL path, icon).

Read by ``app.py`` (navigation), the browser tests and ``make screenshots``.
"""

PAGES = [
    ("pages/overview.py", "page.overview.title", "", ":material/home:"),
    ("pages/timeline.py", "page.timeline.title", "chronologie", ":material/timeline:"),
    ("pages/network.py", "page.network.title", "reseau", ":material/hub:"),
    ("pages/themes.py", "page.themes.title", "themes", ":material/category:"),
    ("pages/present.py", "page.present.title", "presentation", ":material/slideshow:"),
    ("pages/data.py", "page.data.title", "donnees", ":material/upload_file:"),
]
