"""The one translation table of the interface (French first, English), and language helpers.

Every interface string is a key of :data:`TRANSLATIONS` with its French and English text.
Data labels are not here: they come from the data package's ``*_en`` columns (:func:`pick`).

>>> t("app.title", "en")
'Association history'
>>> format_date("2001-07", "month", "fr"), format_date("2005", "approximate", "en")
('juillet 2001', 'c. 2005')
"""

from __future__ import annotations

import pandas as pd

__all__ = ["LANGS", "TRANSLATIONS", "t", "pick", "format_date", "format_span", "month_name"]

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"

TRANSLATIONS: dict[str, tuple[str, str]] = {
    # -- application shell --
    "app.title": ("Histoire d’une association", "Association history"),
    "app.lang": ("Langue", "Language"),
    "app.lang.fr": ("Français", "Français"),
    "app.lang.en": ("English", "English"),
    "app.filters": ("Filtres communs", "Shared filters"),
    "app.filters.help": ("Ces filtres valent pour toutes les pages et restent dans l’adresse.",
                         "These filters apply to every page and are kept in the address."),
    "app.era": ("Périodes", "Eras"),
    "app.era.placeholder": ("Toutes les périodes", "All eras"),
    "app.years": ("Années", "Years"),
    "app.reset": ("Réinitialiser les filtres", "Reset filters"),
    "app.error": ("Un problème inattendu est survenu sur cette page. Rechargez la page ; "
                  "si le problème persiste, signalez-le avec l’adresse de la page.",
                  "Something unexpected went wrong on this page. Reload the page; if it "
                  "happens again, report it with the page address."),
    "app.loading": ("Chargement des données…", "Loading the data…"),
    "app.data_invalid": ("Les données de {path} ne peuvent pas être affichées : {n} problème(s) "
                         "à corriger. Le tableau ci-dessous dit où et comment.",
                         "The data in {path} cannot be shown: {n} problem(s) to fix. The "
                         "table below says where and how."),
    "app.source_footer": ("Source : {title}, {author}, {publisher} {year}. Chaque donnée cite "
                          "ce texte mot pour mot.",
                          "Source: {title}, {author}, {publisher} {year}. Every fact quotes "
                          "this text verbatim."),
    "app.no_match": ("Aucun élément ne correspond aux filtres choisis.",
                     "Nothing matches the chosen filters."),
    "col.file": ("Fichier", "File"),
    "col.row": ("Ligne", "Row"),
    "col.column": ("Colonne", "Column"),
    "col.value": ("Valeur", "Value"),
    "col.severity": ("Gravité", "Severity"),
    "col.message": ("Que faire", "What to do"),
    "severity.error": ("erreur", "error"),
    "severity.warning": ("avertissement", "warning"),
    # -- Vue d'ensemble (overview page) --
    "page.overview.title": ("Vue d’ensemble", "Overview"),
    "overview.eras": ("Les périodes", "The eras"),
    "overview.era_dates": ("{start} – {end}", "{start} – {end}"),
    "overview.era_open": ("aujourd’hui", "present"),
    "overview.figures": ("Chiffres clés", "Key figures"),
    "overview.actors": ("Acteurs", "Actors"),
    "overview.events": ("Événements", "Events"),
    "overview.relations": ("Liens", "Ties"),
    "overview.themes": ("Thèmes", "Themes"),
    "overview.mentions": ("Mentions de thèmes", "Theme mentions"),
    "overview.by_kind": ("Acteurs par type", "Actors by kind"),
    "overview.by_kind.alt": ("Diagramme en barres : {total} acteurs de {kinds} types ; le plus "
                             "représenté : {top} ({top_n}). Détail : {detail}.",
                             "Bar chart: {total} actors of {kinds} kinds; the most numerous: "
                             "{top} ({top_n}). Detail: {detail}."),
    "overview.by_kind.alt_empty": ("Aucun acteur.", "No actors."),
    "overview.by_kind.slug": ("acteurs_par_type", "actors_by_kind"),
    "overview.by_kind.axis": ("Nombre d’acteurs", "Number of actors"),
    "overview.source": ("La source", "The source"),
    "overview.read_source": ("Lire le texte sur {publisher}", "Read the text on {publisher}"),
    "overview.cite": ("Pour citer", "How to cite"),
    "overview.citation": ("{author}, « {title} », {publisher}, {year}. {url}",
                          "{author}, “{title}”, {publisher}, {year}. {url}"),
    "overview.dataset": ("Données : {title}, version {version}.",
                         "Data: {title}, version {version}."),
    "overview.coverage": ("Couverture des données", "Data coverage"),
    "overview.coverage.help": ("Part des lignes qui citent le texte source et part des lignes "
                               "traduites en anglais.",
                               "Share of rows that quote the source text, and share of rows "
                               "translated into English."),
    "overview.coverage.file": ("Fichier", "File"),
    "overview.coverage.rows": ("Lignes", "Rows"),
    "overview.coverage.quoted": ("Avec citation", "With a quote"),
    "overview.coverage.english": ("Avec anglais", "With English"),
    "overview.quote": ("Citation", "Quote"),
    "overview.section": ("§ {section}", "§ {section}"),
    "overview.filtered": ("Avec les filtres communs : {events} événements.",
                          "With the shared filters: {events} events."),
    # -- Chronologie (timeline page) --
    "page.timeline.title": ("Chronologie", "Timeline"),
    # -- Réseau (network page) --
    "page.network.title": ("Réseau", "Network"),
    # -- Thèmes (themes page) --
    "page.themes.title": ("Thèmes", "Themes"),
    "themes.note": ("Les nombres comptent des **mentions dans un seul texte** (l’histoire "
                    "écrite en {year}), pas une mesure de l’activité : un thème très cité est "
                    "un thème dont le texte parle beaucoup.",
                    "The numbers count **mentions in one text** (the history written in "
                    "{year}), not a measure of activity: a much-cited theme is one the text "
                    "talks about a lot."),
    "themes.chart": ("Graphique", "Chart"),
    "themes.chart.heatmap": ("Carte de chaleur", "Heatmap"),
    "themes.chart.area": ("Évolution", "Over time"),
    "themes.chart.bump": ("Classement", "Ranking"),
    "themes.chart.flow": ("Flux entre périodes", "Flow between eras"),
    "themes.chart.meetings": ("Rencontres annuelles", "Annual meetings"),
    "themes.chart.actors": ("Thèmes et acteurs", "Themes and actors"),
    "themes.family": ("Familles de thèmes", "Theme families"),
    "themes.family.placeholder": ("Toutes les familles", "All families"),
    "themes.by": ("Colonnes", "Columns"),
    "themes.by.era": ("Par période", "By era"),
    "themes.by.year": ("Par année (quand le texte la donne)", "By year (when the text gives it)"),
    "themes.group": ("Regrouper par", "Group by"),
    "themes.group.family": ("Famille", "Family"),
    "themes.group.theme": ("Thème", "Theme"),
    "themes.theme": ("Thème", "Theme"),
    "themes.empty": ("Aucune mention de thème ne correspond à ces filtres.",
                     "No theme mention matches these filters."),
    "themes.reset": ("Réinitialiser tous les filtres", "Reset every filter"),
    "themes.cell.hint": ("Cliquez une case pour lire ses citations ci-dessous, ou choisissez-la "
                         "ici.", "Click a cell to read its quotes below, or choose it here."),
    "themes.cell.column": ("Colonne", "Column"),
    "themes.cell.title": ("{theme} — {col} : {n} mention(s)", "{theme} — {col}: {n} mention(s)"),
    "themes.cell.none": ("Aucune mention dans cette case.", "No mention in this cell."),
    "themes.cell.ref": ("{ref} · § {section}", "{ref} · § {section}"),
    "themes.series.quote": ("Ce que dit le texte : « {quote} » (§ {section})",
                            "What the text says: “{quote}” (§ {section})"),
    "themes.network": ("Voir {name} dans le réseau", "See {name} in the network"),
    "themes.network.title": ("Ses acteurs dans le réseau", "Its actors in the network"),
    "themes.sub.family": ("Familles : {names}", "Families: {names}"),
    "themes.sub.eras": ("Périodes : {names}", "Eras: {names}"),
    "themes.sub.years": ("{first}–{last}", "{first}–{last}"),
    "themes.heatmap.title": ("Mentions des thèmes par période", "Theme mentions by era"),
    "themes.heatmap.title_year": ("Mentions des thèmes par année", "Theme mentions by year"),
    "themes.heatmap.slug": ("themes_carte", "themes_heatmap"),
    "themes.heatmap.x_year": ("Année (mentions datées)", "Year (dated mentions)"),
    "themes.area.title": ("Mentions datées par année", "Dated mentions per year"),
    "themes.area.slug": ("themes_evolution", "themes_over_time"),
    "themes.area.x": ("Année", "Year"),
    "themes.area.y": ("Mentions", "Mentions"),
    "themes.bump.title": ("Rang des thèmes par période", "Theme rank by era"),
    "themes.bump.slug": ("themes_classement", "themes_ranking"),
    "themes.bump.y": ("Rang (1 = le plus cité)", "Rank (1 = most cited)"),
    "themes.flow.title": ("Le déplacement des thèmes d’une période à l’autre",
                          "How the themes shifted from era to era"),
    "themes.flow.slug": ("themes_flux", "themes_flow"),
    "themes.meetings.title": ("Les sujets des rencontres annuelles",
                              "The annual meetings’ topics"),
    "themes.meetings.slug": ("themes_rencontres", "themes_meetings"),
    "themes.meetings.note": ("{name} : {editions} édition(s) dans les données, dont {dated} "
                             "datée(s). Le texte : {description}",
                             "{name}: {editions} edition(s) in the data, {dated} of them "
                             "dated. The text: {description}"),
    "themes.actors.title": ("Qui porte le thème « {theme} » ?", "Who carries “{theme}”?"),
    "themes.actors.slug": ("themes_acteurs", "themes_actors"),
    "themes.actors.x": ("Mentions à l’appui", "Supporting mentions"),
    "themes.w.quote": ("« {q} »", "“{q}”"),
    "themes.w.more": ("+ {n} autre(s) citation(s)", "+ {n} more quote(s)"),
    "themes.w.count": ("{n} mention(s)", "{n} mention(s)"),
    "themes.w.colorbar": ("Mentions", "Mentions"),
    "themes.w.empty": ("Aucune mention pour ces filtres.", "No mention for these filters."),
    "themes.w.rank": ("rang {rank} ({n} mention(s))", "rank {rank} ({n} mention(s))"),
    "themes.w.share": ("{n} mention(s), {share} % des mentions de la période",
                       "{n} mention(s), {share} % of the era’s mentions"),
    "themes.w.kept": ("{value} points de part reconduits (même thème)",
                      "{value} share points carried over (same theme)"),
    "themes.w.shift": ("{value} points de part déplacés vers ce thème",
                       "{value} share points shifted to this theme"),
    "themes.w.one_era": ("Il faut au moins deux périodes avec des mentions pour montrer un flux.",
                         "A flow needs at least two eras with mentions."),
    "themes.w.kind": ("Type d’acteur", "Kind of actor"),
    "themes.w.undated": ("non daté", "undated"),
    "themes.w.undated_in": ("non daté, période {era}", "undated, era {era}"),
    "themes.w.dated": ("sujet daté", "dated topic"),
    "themes.w.how": ("{direct} nommé(s) directement, {events} par ses événements",
                     "{direct} named directly, {events} through its events"),
    "themes.alt.empty": ("Aucune mention de thème pour ces filtres.",
                         "No theme mention for these filters."),
    "themes.alt.heatmap": ("Carte de chaleur : {themes} thèmes sur {cols} colonnes, {total} "
                           "mentions. Case la plus forte : {theme} en {col} ({n}). Thèmes sans "
                           "mention ici : {absent}.",
                           "Heatmap: {themes} themes over {cols} columns, {total} mentions. "
                           "Strongest cell: {theme} in {col} ({n}). Themes with no mention "
                           "here: {absent}."),
    "themes.alt.area": ("Aires empilées des mentions datées, de {first} à {last} : {dated} "
                        "mentions datées ({undated} sans année n’y figurent pas). Année la plus "
                        "citée : {peak} ({peak_n}). En tête : {top}.",
                        "Stacked areas of dated mentions, {first} to {last}: {dated} dated "
                        "mentions ({undated} without a year are left out). Busiest year: "
                        "{peak} ({peak_n}). Leading: {top}."),
    "themes.alt.bump": ("Rang de {themes} thèmes, ceux qui figurent parmi les {top} premiers "
                        "d’au moins une période, sur {eras} périodes (ex æquo au même rang). "
                        "Trois premiers : {detail}.",
                        "Rank of {themes} themes, those in the top {top} of at least one era, "
                        "over {eras} eras (ties share a rank). Top three: {detail}."),
    "themes.alt.flow": ("Diagramme de flux sur {eras} périodes, en part des mentions de chaque "
                        "période ; en moyenne {kept} points reconduits d’une période à la "
                        "suivante. Thèmes principaux : {tops}.",
                        "Flow diagram over {eras} eras, as shares of each era’s mentions; on "
                        "average {kept} points carried over from one era to the next. Main "
                        "themes: {tops}."),
    "themes.alt.meetings": ("{n} sujets de rencontres. Datés : {dated}. Non datés (dans leur "
                            "période) : {undated}. {note}",
                            "{n} meeting topics. Dated: {dated}. Undated (within their era): "
                            "{undated}. {note}"),
    "themes.alt.meetings_empty": ("Aucun sujet de rencontre pour ces filtres. {note}",
                                  "No meeting topic for these filters. {note}"),
    "themes.alt.actors": ("Barres : {n} acteurs portent le thème « {theme} » ; en tête : {top}.",
                          "Bars: {n} actors carry “{theme}”; leading: {top}."),
    "themes.alt.actors_empty": ("Aucun acteur ne porte le thème « {theme} » pour ces filtres.",
                                "No actor carries “{theme}” for these filters."),
    # -- Présentation (presentation mode) --
    "page.present.title": ("Présentation", "Presentation"),
    "present.no_deck": ("Ce paquet de données ne contient pas de présentation "
                        "(presentation.csv).",
                        "This data package has no presentation (presentation.csv)."),
    "present.previous": ("Précédente", "Previous"),
    "present.next": ("Suivante", "Next"),
    "present.counter": ("Diapositive **{n}** sur {total} · flèches ← → pour naviguer",
                        "Slide **{n}** of {total} · arrow keys ← → to move"),
    "present.notes": ("Notes de l’orateur", "Presenter notes"),
    "present.loading": ("Préparation de la diapositive…", "Preparing the slide…"),
    # -- Données (bring your own data) --
    "page.data.title": ("Données", "Data"),
    # -- exports (downloads, assembly pack) --
    "export.source": ("Source : {author}, « {title} », {publisher} {year} — données v{version}",
                      "Source: {author}, “{title}”, {publisher} {year} — data v{version}"),
    "export.made": ("Produit le {date}", "Made on {date}"),
    "export.quotes": ("Les {n} citations du texte source", "The {n} quotes from the source text"),
    "export.report": ("rapport", "report"),
    "export.data_dir": ("donnees", "data"),
    "export.readme_name": ("LISEZMOI.txt", "README.txt"),
    "export.readme": (
        "{title}\n\nDossier d’assemblée générale, produit hors ligne par anis-viz.\n{made}\n"
        "{source}\n\nCe que contient ce dossier :\n"
        "- png/ : les {n} graphiques en images PNG haute définition (2×), pour les diapositives "
        "et le projecteur ;\n"
        "- svg/ : les mêmes graphiques en SVG, agrandissables sans perte, avec leur description "
        "textuelle ;\n"
        "- {prefix}_rapport_{lang}.pdf : un graphique par page, avec sa légende, sa description "
        "et sa source, à imprimer ;\n"
        "- {prefix}_rapport_{lang}.html : le rapport interactif (survol, zoom) ; il s’ouvre dans "
        "un navigateur sans connexion internet ;\n"
        "- {data_dir}/ : le paquet de données lui-même (fichiers CSV et datapackage.json), "
        "chaque ligne citant le texte source.\n",
        "{title}\n\nGeneral assembly pack, made offline by anis-viz.\n{made}\n{source}\n\n"
        "What this folder holds:\n"
        "- png/: the {n} charts as high-resolution PNG images (2×), for slides and the "
        "projector;\n"
        "- svg/: the same charts as SVG, scalable without loss, with their text description;\n"
        "- {prefix}_report_{lang}.pdf: one chart per page, with its caption, description and "
        "source, for printing;\n"
        "- {prefix}_report_{lang}.html: the interactive report (hover, zoom); it opens in a "
        "browser with no internet connection;\n"
        "- {data_dir}/: the data package itself (CSV files and datapackage.json), every row "
        "quoting the source text.\n"),
    "export.download": ("Télécharger", "Download"),
    "export.as.png": ("Image PNG (2×, diapositives)", "PNG image (2×, slides)"),
    "export.as.svg": ("Image SVG (vectorielle)", "SVG image (vector)"),
    "export.as.pdf": ("Document PDF", "PDF document"),
    "export.as.html": ("Page HTML interactive", "Interactive HTML page"),
    "export.as.csv": ("Données du graphique (CSV)", "Chart data (CSV)"),
    "export.pack.title": ("Dossier d’assemblée générale", "General assembly pack"),
    "export.pack.help": ("Tous les graphiques (PNG, SVG), un PDF, un rapport HTML qui marche "
                         "sans internet et les données, dans un seul fichier zip.",
                         "Every chart (PNG, SVG), one PDF, an HTML report that works without "
                         "internet, and the data, in one zip file."),
    "export.pack.build": ("Préparer le dossier", "Prepare the pack"),
    "export.pack.start": ("Préparation…", "Preparing…"),
    "export.pack.name": ("assemblee", "assembly"),
    "export.pack.download": ("Télécharger le dossier ({size} Mo)", "Download the pack ({size} MB)"),
    "export.step.png": ("Image PNG : {title}", "PNG image: {title}"),
    "export.step.svg": ("Image SVG : {title}", "SVG image: {title}"),
    "export.step.pdf": ("Rapport PDF", "PDF report"),
    "export.step.html": ("Rapport HTML hors ligne", "Offline HTML report"),
    "export.step.data": ("Paquet de données et LISEZMOI", "Data package and README"),
    # -- dates --
    "date.approx": ("vers {date}", "c. {date}"),
    "date.span": ("{start} – {end}", "{start} – {end}"),
    "date.since": ("depuis {start}", "since {start}"),
    "date.month.1": ("janvier", "January"),
    "date.month.2": ("février", "February"),
    "date.month.3": ("mars", "March"),
    "date.month.4": ("avril", "April"),
    "date.month.5": ("mai", "May"),
    "date.month.6": ("juin", "June"),
    "date.month.7": ("juillet", "July"),
    "date.month.8": ("août", "August"),
    "date.month.9": ("septembre", "September"),
    "date.month.10": ("octobre", "October"),
    "date.month.11": ("novembre", "November"),
    "date.month.12": ("décembre", "December"),
    # -- validation problems (data.Problem codes) --
    "problem.package_missing": ("Dossier introuvable : {value}. Vérifiez le chemin (ANIS_VIZ_DATA).",
                                "Folder not found: {value}. Check the path (ANIS_VIZ_DATA)."),
    "problem.descriptor_missing": ("Il manque datapackage.json : ajoutez-le au dossier (le modèle "
                                   "de la page Données en fournit un).",
                                   "datapackage.json is missing: add it to the folder (the "
                                   "Data page's template has one)."),
    "problem.descriptor_invalid": ("datapackage.json est illisible ({detail}). Corrigez le JSON.",
                                   "datapackage.json cannot be read ({detail}). Fix the JSON."),
    "problem.resource_undeclared": ("datapackage.json ne déclare pas « {resource} » : ajoutez "
                                    "cette ressource et son schéma.",
                                    "datapackage.json does not declare “{resource}”: add this "
                                    "resource and its schema."),
    "problem.resource_path_unsafe": ("Chemin refusé « {value} » : un fichier doit rester dans le "
                                     "dossier du paquet.",
                                     "Path refused “{value}”: a file must stay inside the "
                                     "package folder."),
    "problem.file_missing": ("Fichier manquant : ajoutez {file} au dossier.",
                             "Missing file: add {file} to the folder."),
    "problem.file_empty": ("Fichier vide : il faut au moins la ligne d’en-tête ({columns}).",
                           "Empty file: it needs at least the header row ({columns})."),
    "problem.file_binary": ("Ce n’est pas un fichier texte CSV : exportez la feuille au format "
                            "« CSV UTF-8 (délimité par des virgules) ».",
                            "This is not a CSV text file: export the sheet as “CSV UTF-8 "
                            "(comma delimited)”."),
    "problem.file_xlsx": ("C’est un classeur tableur (.xlsx/.xls), pas un CSV : dans le tableur, "
                          "Fichier › Enregistrer sous › « CSV UTF-8 (délimité par des virgules) ».",
                          "This is a spreadsheet workbook (.xlsx/.xls), not a CSV: in the "
                          "spreadsheet, File › Save as › “CSV UTF-8 (comma delimited)”."),
    "problem.file_malformed": ("CSV mal formé ({detail}). Vérifiez les guillemets et le nombre "
                               "de colonnes de chaque ligne.",
                               "Malformed CSV ({detail}). Check the quotes and the number of "
                               "columns on each row."),
    "problem.warn_cp1252": ("Encodage Windows-1252 (Latin-1) détecté : le fichier a été lu comme "
                            "tel. Réenregistrez-le en « CSV UTF-8 » pour être sûr des accents.",
                            "Windows-1252 (Latin-1) encoding detected: the file was read as "
                            "such. Re-save it as “CSV UTF-8” to be sure of accents."),
    "problem.warn_semicolon": ("Séparateur point-virgule détecté : le fichier a été lu comme tel. "
                               "Le format attendu sépare par des virgules (« CSV UTF-8 »).",
                               "Semicolon separator detected: the file was read as such. The "
                               "expected format uses commas (“CSV UTF-8”)."),
    "problem.column_missing": ("Colonne obligatoire absente : ajoutez « {column} » à la ligne "
                               "d’en-tête.",
                               "Required column missing: add “{column}” to the header row."),
    "problem.column_duplicate": ("Colonne en double « {column} » : gardez-en une seule.",
                                 "Duplicate column “{column}”: keep only one."),
    "problem.column_extra": ("Colonne non déclarée dans datapackage.json : conservée mais non "
                             "utilisée.",
                             "Column not declared in datapackage.json: kept but not used."),
    "problem.required": ("Cellule vide : « {column} » doit être rempli.",
                         "Empty cell: “{column}” must be filled in."),
    "problem.type_integer": ("« {value} » n’est pas un nombre entier : écrivez par ex. 2011.",
                             "“{value}” is not a whole number: write e.g. 2011."),
    "problem.type_number": ("« {value} » n’est pas un nombre.", "“{value}” is not a number."),
    "problem.enum": ("« {value} » n’est pas une valeur permise. Choisissez parmi : {allowed}.",
                     "“{value}” is not an allowed value. Choose one of: {allowed}."),
    "problem.id_invalid": ("Identifiant « {value} » invalide : minuscules sans accent, chiffres "
                           "et _ seulement (ex. bruno_villalba).",
                           "Invalid identifier “{value}”: lower-case letters without accents, "
                           "digits and _ only (e.g. bruno_villalba)."),
    "problem.pattern": ("« {value} » n’a pas la forme attendue ({pattern}).",
                        "“{value}” does not have the expected form ({pattern})."),
    "problem.max_length": ("Texte trop long : {max} caractères au plus. Raccourcissez-le.",
                           "Text too long: {max} characters at most. Shorten it."),
    "problem.duplicate_key": ("Identifiant en double « {value} » : il figure déjà ligne "
                              "{first_row}. Donnez-lui un identifiant unique.",
                              "Duplicate identifier “{value}”: it is already on row "
                              "{first_row}. Give it a unique identifier."),
    "problem.foreign_key": ("« {value} » ne correspond à aucune ligne de {ref_file} (colonne "
                            "{ref_column}) : corrigez l’identifiant ou ajoutez la ligne.",
                            "“{value}” matches no row of {ref_file} (column {ref_column}): fix "
                            "the identifier or add the row."),
    "problem.ref_invalid": ("« {value} » ne correspond à aucune ligne de {ref_file} (ref_type = "
                            "{ref_type}) : corrigez ref_id ou ref_type.",
                            "“{value}” matches no row of {ref_file} (ref_type = {ref_type}): fix "
                            "ref_id or ref_type."),
    "problem.date_invalid": ("Date illisible « {value} » : écrivez AAAA, AAAA-MM ou AAAA-MM-JJ "
                             "(ex. 2001-07).",
                             "Unreadable date “{value}”: write YYYY, YYYY-MM or YYYY-MM-DD "
                             "(e.g. 2001-07)."),
    "problem.end_before_start": ("La fin ({value}) précède le début ({start}) : inversez-les ou "
                                 "corrigez l’une des deux.",
                                 "The end ({value}) comes before the start ({start}): swap them "
                                 "or fix one."),
    "problem.quote_empty": ("Citation vide : recopiez le passage du texte source qui appuie "
                            "cette ligne.",
                            "Empty quote: copy the passage of the source text that supports "
                            "this row."),
    "problem.quote_too_long": ("Citation trop longue ({length} caractères pour {max} au plus) : "
                               "coupez-la et joignez les morceaux par « … ».",
                               "Quote too long ({length} characters, {max} at most): cut it and "
                               "join the pieces with “…”."),
    "problem.warn_unlabelled": ("Le code « {value} » (colonne {column}) n’a pas de libellé dans "
                                "vocabulary.csv : il s’affiche tel quel.",
                                "Code “{value}” (column {column}) has no label in "
                                "vocabulary.csv: it is shown as is."),
}


def t(key: str, lang: str = DEFAULT_LANG, /, **params) -> str:
    """The text of ``key`` in ``lang``, with ``{params}`` filled in. Unknown keys raise."""
    text = TRANSLATIONS[key][1 if lang == "en" else 0]
    return text.format(**params) if params else text


def pick(frame: pd.DataFrame, column: str, lang: str = DEFAULT_LANG) -> pd.Series:
    """``column`` in ``lang``: the ``<column>_en`` cell in English when it is filled in."""
    base = frame[column].fillna("").astype(str)
    english = f"{column}_en"
    if lang != "en" or english not in frame.columns:
        return base
    translated = frame[english].fillna("").astype(str)
    return translated.where(translated.str.strip() != "", base)


def month_name(month: int, lang: str = DEFAULT_LANG) -> str:
    return t(f"date.month.{month}", lang)


def _format_point(text: str, lang: str) -> str:
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = month_name(parts[1], lang)
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = parts[2]
    if lang == "en":
        return f"{day} {month} {parts[0]}"
    return f"{'1er' if day == 1 else day} {month} {parts[0]}"


def format_date(start: str, precision: str = "year", lang: str = DEFAULT_LANG,
                end: str = "") -> str:
    """A partial date (and optional end) in words: ``juillet 2001``, ``c. 2005–2011``."""
    text = _format_point(start, lang)
    if end and end != start:
        text = t("date.span", lang, start=text, end=_format_point(end, lang))
    if precision == "approximate":
        text = t("date.approx", lang, date=text)
    return text


def format_span(start: str, end: str, lang: str = DEFAULT_LANG) -> str:
    """An era's span; an empty end reads as 'since …'."""
    if not end:
        return t("date.since", lang, start=_format_point(start, lang))
    return t("date.span", lang, start=_format_point(start, lang), end=_format_point(end, lang))
