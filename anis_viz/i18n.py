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
    "col.count": ("Nombre", "Count"),
    "col.rows": ("Lignes", "Rows"),
    "app.problems_grouped": ("{n} problèmes, regroupés en {kinds} sortes : corrigez une "
                             "sorte à la fois.",
                             "{n} problems, grouped into {kinds} kinds: fix one kind at a "
                             "time."),
    "app.problems_all": ("Voir les {n} problèmes un par un", "See all {n} problems one by one"),
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
    "timeline.intro": ("L’histoire en un coup d’œil : chaque point renvoie au texte source. "
                       "Cliquez sur un événement pour ouvrir sa fiche.",
                       "The history at a glance: every mark leads back to the source text. "
                       "Click an event to open its card."),
    "timeline.filters": ("Filtrer les événements", "Filter the events"),
    "timeline.category": ("Catégories", "Categories"),
    "timeline.category.placeholder": ("Toutes les catégories", "All categories"),
    "timeline.actor": ("Acteurs", "Actors"),
    "timeline.actor.placeholder": ("Tous les acteurs", "All actors"),
    "timeline.theme": ("Thèmes", "Themes"),
    "timeline.theme.placeholder": ("Tous les thèmes", "All themes"),
    "timeline.search": ("Rechercher", "Search"),
    "timeline.search.placeholder": ("un mot du titre, de la description, de la citation…",
                                    "a word of the title, description, quote…"),
    "timeline.lanes": ("Lignes", "Lanes"),
    "timeline.lanes.category": ("par catégorie", "by category"),
    "timeline.lanes.kind": ("par type d’acteur", "by actor kind"),
    "timeline.zoom": ("Zoom", "Zoom"),
    "timeline.zoom.all": ("Toute l’histoire", "Whole history"),
    "timeline.no_actor": ("Sans acteur", "No actor"),
    "timeline.no_era": ("hors période", "outside the eras"),
    "timeline.legend.point": ("date précise", "exact date"),
    "timeline.legend.approx": ("date approximative", "approximate date"),
    "timeline.legend.span": ("durée", "span"),
    "timeline.legend.span_approx": ("durée approximative", "approximate span"),
    "timeline.legend.context": ("contexte", "background"),
    "timeline.hover.era": ("Période : {era}", "Era: {era}"),
    "timeline.hover.actors": ("Acteurs : {actors}", "Actors: {actors}"),
    "timeline.hover.quote": ("« {quote} »", "“{quote}”"),
    "timeline.section": ("§ {section} {title}", "§ {section} {title}"),
    "timeline.alt": ("Frise de {first} à {last} : {eras}, {events} ; le plus dense : {year}.",
                     "Timeline from {first} to {last}: {eras}, {events}; the busiest year: "
                     "{year}."),
    "timeline.eras.one": ("1 période", "1 era"),
    "timeline.eras.many": ("{n} périodes", "{n} eras"),
    "timeline.events.one": ("1 événement", "1 event"),
    "timeline.events.many": ("{n} événements", "{n} events"),
    "timeline.alt_empty": ("Aucun événement ne correspond aux filtres.",
                           "No event matches the filters."),
    "timeline.slug": ("chronologie", "timeline"),
    "timeline.count": ("{n} événements sur {total}", "{n} events of {total}"),
    "timeline.keys": ("Numéros sur la frise : {items}.", "Numbers on the chart: {items}."),
    "timeline.keys.title": ("Numéros sur la frise", "Numbers on the chart"),
    "timeline.col.key": ("N°", "No."),
    "timeline.reset": ("Effacer tous les filtres", "Clear every filter"),
    "timeline.card.description": ("Description", "Description"),
    "timeline.card.actors": ("Acteurs", "Actors"),
    "timeline.card.quote": ("Citation du texte source", "Quote from the source text"),
    "timeline.card.close": ("Fermer la fiche", "Close the card"),
    "timeline.card.none": ("Aucun acteur nommé.", "No named actor."),
    "timeline.table": ("Les événements retenus", "The events shown"),
    "timeline.col.date": ("Date", "Date"),
    "timeline.col.title": ("Événement", "Event"),
    "timeline.col.era": ("Période", "Era"),
    "timeline.col.category": ("Catégorie", "Category"),
    "timeline.col.actors": ("Acteurs", "Actors"),
    "timeline.col.section": ("Section", "Section"),
    # -- Réseau (network page) --
    "page.network.title": ("Réseau", "Network"),
    "network.intro": ("Qui a travaillé avec qui : les acteurs et leurs liens, tels que le texte "
                      "les cite. Survolez un lien pour lire sa citation ; cliquez sur un acteur "
                      "ou sur le milieu d’un lien pour ouvrir sa fiche.",
                      "Who worked with whom: the actors and their ties, as the text cites them. "
                      "Hover over a tie to read its quote; click an actor, or the middle of a "
                      "tie, to open its card."),
    "network.mode": ("Affichage", "View"),
    "network.mode.period": ("Une période", "One period"),
    "network.mode.compare": ("Comparer deux périodes", "Compare two eras"),
    "network.era": ("Période", "Era"),
    "network.era.all": ("Toutes", "All"),
    "network.year.toggle": ("Une seule année", "A single year"),
    "network.year": ("Année", "Year"),
    "network.play": ("Lecture", "Play"),
    "network.play.help": ("Montre le réseau année après année, de la première à la dernière.",
                          "Shows the network year by year, from the first to the last."),
    "network.compare.first": ("Avant", "Before"),
    "network.compare.second": ("Après", "After"),
    "network.events": ("Liens par événements partagés", "Ties through shared events"),
    "network.events.help": ("Relie aussi deux acteurs qui ont pris part au même événement "
                            "(trait pointillé clair).",
                            "Also links two actors who took part in the same event (light "
                            "dotted line)."),
    "network.size": ("Taille des nœuds", "Node size"),
    "network.size.degree": ("Degré", "Degree"),
    "network.size.betweenness": ("Intermédiarité", "Betweenness"),
    "network.size.pagerank": ("PageRank", "PageRank"),
    "network.size.help": ("Degré : nombre de liens. Intermédiarité : part des plus courts "
                          "chemins qui passent par l’acteur. PageRank : importance des "
                          "voisins.",
                          "Degree: number of ties. Betweenness: share of shortest paths "
                          "through the actor. PageRank: importance of the neighbours."),
    "network.colour": ("Couleur", "Colour"),
    "network.colour.kind": ("Type d’acteur", "Actor kind"),
    "network.colour.community": ("Communauté", "Community"),
    "network.actor": ("Acteur", "Actor"),
    "network.actor.placeholder": ("Chercher un acteur…", "Search for an actor…"),
    "network.depth": ("Voisinage (pas)", "Neighbourhood (steps)"),
    "network.whole": ("Tout le réseau", "Whole network"),
    "network.reset": ("Réinitialiser la vue", "Reset the view"),
    "network.legend.ties": ("Liens", "Ties"),
    "network.legend.kinds": ("Types d’acteurs", "Actor kinds"),
    "network.family.governance": ("gouvernance", "governance"),
    "network.family.membership": ("appartenance", "membership"),
    "network.family.support": ("soutien et financement", "support and funding"),
    "network.family.place": ("lieux et hébergement", "places and hosting"),
    "network.family.partnership": ("partenariat, participation et autres",
                                   "partnership, participation and other"),
    "network.family.publication": ("publications", "publications"),
    "network.legend.communities": ("Communautés", "Communities"),
    "network.shared_event": ("événement partagé", "shared event"),
    "network.status.appeared": ("apparu", "appeared"),
    "network.status.stayed": ("resté", "stayed"),
    "network.status.disappeared": ("disparu", "disappeared"),
    "network.community.none": ("sans lien", "no tie"),
    "network.community.other": ("autres communautés", "other communities"),
    "network.legend.actors": ("Acteurs", "Actors"),
    "network.title.all": ("Le réseau des acteurs", "The network of actors"),
    "network.title.period": ("Le réseau, {period}", "The network, {period}"),
    "network.title.actor": ("Autour de {name} ({depth} pas)",
                            "Around {name} ({depth}-step neighbourhood)"),
    "network.title.compare": ("Le réseau de {first} à {second}", "The network from {first} to "
                              "{second}"),
    "network.years.none": ("sans date", "undated"),
    "network.years.until": ("jusqu’en {end}", "until {end}"),
    "network.years.placed": ("sans date ; placé par sa section : {span}",
                             "undated; placed by its section: {span}"),
    "network.hover.quote": ("« {quote} »", "“{quote}”"),
    "network.hover.section": ("§ {section}", "§ {section}"),
    "network.hover.metrics": ("{degree} lien(s) · intermédiarité {betweenness} · PageRank "
                              "{pagerank}",
                              "{degree} tie(s) · betweenness {betweenness} · PageRank "
                              "{pagerank}"),
    "network.hover.community": ("Communauté : {name}", "Community: {name}"),
    "network.hover.status": ("Évolution : {status}", "Change: {status}"),
    "network.caption.planned": ("Tirets longs : un lien prévu par un programme adopté, pas un "
                                "fait accompli.",
                                "Long dashes: a tie planned by an adopted programme, not an "
                                "accomplished fact."),
    "network.caption.time": ("Un lien est actif de sa première à sa dernière année ; sans "
                             "année de fin, il court encore. Un lien sans aucune année est "
                             "placé dans la ou les périodes dont parle la section du texte qui "
                             "le cite ; à défaut, il figure dans toutes les périodes.",
                             "A tie is active from its first to its last year; with no end "
                             "year it is still running. A tie with no year at all is placed in "
                             "the era(s) that the section of the text citing it speaks of; "
                             "failing that, it is shown in every period."),
    "network.caption.labels": ("Les noms sont écrits là où ils ont la place, les plus centraux "
                               "d’abord ; survolez les autres, ou choisissez une période ou un "
                               "acteur pour les voir tous.",
                               "Names are written where they have room, the most central "
                               "first; hover over the others, or pick an era or an actor to "
                               "see them all."),
    "network.caption.large": ("Grand graphe ({n} acteurs) : dessin WebGL, liens en un seul "
                              "tracé.",
                              "Large graph ({n} actors): WebGL drawing, ties as one trace."),
    "network.alt": ("Graphe de réseau{period} : {nodes} acteurs et {edges} liens. Les plus "
                    "centraux ({size}) : {top}. Liens : {relations}. {communities} "
                    "communauté(s) ; la plus grande autour de {biggest}.",
                    "Network graph{period}: {nodes} actors and {edges} ties. The most central "
                    "({size}): {top}. Ties: {relations}. {communities} community(ies); the "
                    "largest around {biggest}."),
    "network.alt.compare": ("Graphe comparant {first} et {second} : {appeared} acteurs "
                            "apparus, {stayed} restés, {disappeared} disparus ; {e_appeared} "
                            "liens apparus, {e_stayed} restés, {e_disappeared} disparus.",
                            "Graph comparing {first} and {second}: {appeared} actors "
                            "appeared, {stayed} stayed, {disappeared} disappeared; "
                            "{e_appeared} ties appeared, {e_stayed} stayed, {e_disappeared} "
                            "disappeared."),
    "network.alt.empty": ("Aucun lien dans cette période.", "No tie in this period."),
    "network.empty": ("Aucun lien actif dans cette période : changez de période ou "
                      "réinitialisez la vue.",
                      "No tie active in this period: choose another period or reset the "
                      "view."),
    "network.not_in_period": ("{name} n’a aucun lien dans cette période : voici son voisinage "
                              "sur toutes les années.",
                              "{name} has no tie in this period: here is its neighbourhood "
                              "over all years."),
    "network.slug": ("reseau", "network"),
    "network.metrics": ("Mesures de centralité", "Centrality measures"),
    "network.download.metrics": ("Mesures (CSV)", "Measures (CSV)"),
    "network.download.gexf": ("Graphe GEXF (Gephi)", "GEXF graph (Gephi)"),
    "network.download.graphml": ("Graphe GraphML", "GraphML graph"),
    "network.col.name": ("Acteur", "Actor"),
    "network.col.kind": ("Type", "Kind"),
    "network.col.degree": ("Degré", "Degree"),
    "network.col.betweenness": ("Intermédiarité", "Betweenness"),
    "network.col.pagerank": ("PageRank", "PageRank"),
    "network.col.community": ("Communauté", "Community"),
    "network.col.tie": ("Lien", "Tie"),
    "network.col.years": ("Années", "Years"),
    "network.col.quote": ("Citation", "Quote"),
    "network.col.section": ("Section", "Section"),
    "network.col.event": ("Événement", "Event"),
    "network.col.date": ("Date", "Date"),
    "network.col.role": ("Rôle", "Role"),
    "network.card.ties": ("Ses liens", "Its ties"),
    "network.card.events": ("Événements auxquels il a pris part", "Events it took part in"),
    "network.card.quote": ("Ce qu’en dit le texte", "What the text says"),
    "network.card.none": ("Aucun.", "None."),
    "network.card.close": ("Fermer la fiche", "Close the card"),
    "network.tie.ties": ("Ce que le texte dit de ces deux acteurs",
                         "What the text says about these two actors"),
    "network.tie.close": ("Fermer la fiche du lien", "Close the tie's card"),
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
    "themes.rise.title": ("Thèmes plus cités en {era}", "Themes mentioned more in {era}"),
    "themes.rise.slug": ("themes_en_hausse", "themes_rising"),
    "themes.rise.x": ("Mentions dans le texte", "Mentions in the text"),
    "themes.alt.rise": ("Thèmes plus cités en {era} qu’en {before} : {items}.",
                        "Themes mentioned more in {era} than in {before}: {items}."),
    "themes.alt.rise_first": ("Thèmes cités en {era} : {items}.",
                              "Themes mentioned in {era}: {items}."),
    "themes.alt.rise_none": ("Aucun thème n’est plus cité en {era} qu’avant.",
                             "No theme is mentioned more in {era} than before."),
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
    "present.counter": ("Diapositive **{n}** sur {total}", "Slide **{n}** of {total}"),
    "present.notes": ("Notes de l’orateur", "Presenter notes"),
    "present.loading": ("Préparation de la diapositive…", "Preparing the slide…"),
    "present.fullscreen": ("Plein écran (F)", "Full screen (F)"),
    "present.nav": ("Navigation entre les diapositives", "Slide navigation"),
    "deck.timeline": ("{era} : les événements", "{era}: the events"),
    "deck.joined": ("{era} : qui arrive", "{era}: who joined"),
    "deck.joined.notes": ("Arrivent dans cette période : {names}.",
                          "Joining in this era: {names}."),
    "deck.rose": ("{era} : les thèmes qui montent", "{era}: the themes that rose"),
    "deck.rose.notes": ("Plus cités qu’à la période précédente : {names}.",
                        "Mentioned more often than in the era before: {names}."),
    "deck.flow": ("Comment les thèmes ont circulé d’une période à l’autre",
                  "How the themes flowed across the eras"),
    "deck.more": ("{names} et {n} autres", "{names} and {n} more"),
    "deck.quote": ("« {quote} »", "“{quote}”"),
    "deck.section": ("Texte source, section {section}", "Source text, section {section}"),
    # -- Données (bring your own data) --
    "page.data.title": ("Données", "Data"),
    # -- Données (data page) --
    "data.intro": ("Explorez votre propre histoire avec ce tableau de bord : téléchargez le "
                   "modèle, remplissez-le dans un tableur, chargez-le ici, corrigez ce que le "
                   "rapport signale, puis parcourez les pages et téléchargez votre dossier "
                   "d’assemblée. Vos données ne restent que dans cette session de votre "
                   "navigateur : personne d’autre ne les voit, et rien n’est conservé sur le "
                   "serveur.",
                   "Explore your own history with this dashboard: download the template, fill "
                   "it in a spreadsheet, upload it here, fix what the report points out, then "
                   "browse the pages and download your assembly pack. Your data stays in this "
                   "browser session only: nobody else sees it and nothing is kept on the "
                   "server."),
    "data.current": ("Les données affichées", "The data shown"),
    "data.version": ("version {version}", "version {version}"),
    "data.using_upload": ("Cette session affiche vos données chargées. Toutes les pages, la "
                          "présentation et les exports les utilisent.",
                          "This session shows your uploaded data. Every page, the "
                          "presentation and the exports use it."),
    "data.back": ("Revenir aux données d’origine", "Back to the original data"),
    "data.events": ("Événements", "Events"),
    "data.actors": ("Acteurs", "Actors"),
    "data.eras": ("Périodes", "Eras"),
    "data.span": ("Années couvertes", "Years covered"),
    "data.eras_list": ("Périodes : {eras}", "Eras: {eras}"),
    "data.no_findings": ("Rien à signaler : chaque acteur a un lien, chaque événement une "
                         "période, chaque thème une mention.",
                         "Nothing to report: every actor has a tie, every event an era, "
                         "every theme a mention."),
    "data.findings": ("À vérifier (ce ne sont pas des erreurs) :",
                      "Worth a look (these are not errors):"),
    "data.col.finding": ("Constat", "Finding"),
    "data.col.count": ("Nombre", "Count"),
    "data.col.examples": ("Exemples", "Examples"),
    "data.step1": ("1. Partir d’un modèle", "1. Start from a template"),
    "data.step1.help": ("Le modèle contient chaque fichier avec ses colonnes et une ligne "
                        "d’exemple, la liste des codes (vocabulary.csv) et le descriptif "
                        "datapackage.json. Ouvrez les CSV dans un tableur, remplacez les "
                        "exemples par votre histoire, puis enregistrez en « CSV UTF-8 ». "
                        "L’exemple complet montre un paquet réel.",
                        "The template holds every file with its columns and one example "
                        "row, the list of codes (vocabulary.csv) and the datapackage.json "
                        "descriptor. Open the CSV files in a spreadsheet, replace the examples "
                        "with your history, then save as “CSV UTF-8”. The full example shows "
                        "a real package."),
    "data.template": ("Télécharger le modèle vide (zip)", "Download the empty template (zip)"),
    "data.template.title": ("Histoire de mon association", "My association’s history"),
    "data.template.file": ("modele_histoire.zip", "history_template.zip"),
    "data.example": ("Télécharger l’exemple complet : {title}", "Download the full example: {title}"),
    "data.files": ("Les fichiers et leurs colonnes", "The files and their columns"),
    "data.col.file": ("Fichier", "File"),
    "data.col.columns": ("Colonnes", "Columns"),
    "data.step2": ("2. Charger vos données", "2. Upload your data"),
    "data.step2.help": ("Déposez le zip de votre paquet, ou les fichiers CSV un par un (avec "
                        "vocabulary.csv ; datapackage.json est alors reconstitué). Limites : "
                        "{mb} Mo par envoi, {files} fichiers et {expanded} Mo une fois "
                        "décompressé. Les autres types de fichiers sont ignorés.",
                        "Drop your package's zip, or the CSV files one by one (with "
                        "vocabulary.csv; datapackage.json is then rebuilt). Limits: {mb} MB "
                        "per upload, {files} files and {expanded} MB once unzipped. Other "
                        "file types are ignored."),
    "data.uploader": ("Zip du paquet ou fichiers CSV / JSON", "Package zip or CSV / JSON files"),
    "data.uploader.help": ("Rien de ce que vous chargez n’est exécuté ; les fichiers sont lus "
                           "dans un dossier temporaire aussitôt supprimé.",
                           "Nothing you upload is run; the files are read in a temporary "
                           "folder that is deleted at once."),
    "data.load": ("Vérifier et afficher", "Check and show"),
    "data.checking": ("Vérification des fichiers…", "Checking the files…"),
    "data.loaded": ("Vos données sont valides : tout le tableau de bord les affiche maintenant, "
                    "pour cette session.",
                    "Your data is valid: the whole dashboard now shows it, for this session."),
    "data.explore": ("Voir la vue d’ensemble", "See the overview"),
    "data.invalid": ("Vos données ne peuvent pas encore être affichées : {n} problème(s) à "
                     "corriger. Le tableau dit où (fichier, ligne, colonne) et quoi faire ; "
                     "corrigez puis chargez à nouveau.",
                     "Your data cannot be shown yet: {n} problem(s) to fix. The table says "
                     "where (file, row, column) and what to do; fix them and upload again."),
    "upload.too_big": ("Envoi trop volumineux ({size} Mo pour {max} Mo au plus). Retirez les "
                       "fichiers inutiles ou compressez le paquet en zip.",
                       "Upload too large ({size} MB, at most {max} MB). Remove unneeded files "
                       "or zip the package."),
    "upload.bad_zip": ("« {name} » n’est pas un zip lisible. Recréez-le (clic droit > "
                       "Compresser) et chargez-le à nouveau.",
                       "“{name}” is not a readable zip. Create it again (right click > "
                       "Compress) and upload it again."),
    "upload.too_many_files": ("« {name} » contient {n} fichiers ; {max} au plus sont acceptés. "
                              "Ne zippez que le dossier du paquet.",
                              "“{name}” holds {n} files; at most {max} are accepted. Zip "
                              "only the package folder."),
    "upload.too_large_expanded": ("« {name} » dépasse {max} Mo une fois décompressé : il a été "
                                  "refusé.",
                                  "“{name}” expands to more than {max} MB: it was refused."),
    "upload.refused": ("Fichier refusé : « {name} » (chemin absolu, « .. » ou lien) — il "
                       "sortirait du dossier du paquet.",
                       "File refused: “{name}” (absolute path, “..” or link) — it would "
                       "leave the package folder."),
    "upload.duplicate": ("« {name} » est présent deux fois : seul le premier est gardé.",
                         "“{name}” appears twice: only the first is kept."),
    "upload.ignored": ("{n} fichier(s) ignoré(s), ni CSV ni JSON : {names}.",
                       "{n} file(s) ignored, neither CSV nor JSON: {names}."),
    "upload.empty": ("Aucun fichier CSV ou JSON à lire : chargez le zip du paquet ou ses "
                     "fichiers CSV.",
                     "No CSV or JSON file to read: upload the package zip or its CSV files."),
    "upload.descriptor_made": ("Pas de datapackage.json : il a été reconstitué d’après le "
                               "contrat et votre vocabulary.csv.",
                               "No datapackage.json: it was rebuilt from the contract and "
                               "your vocabulary.csv."),
    "health.untied": ("Acteurs sans aucun lien", "Actors with no tie"),
    "health.outside": ("Événements hors de toute période (ou hors de la leur)",
                       "Events outside every era (or outside their own)"),
    "health.unmentioned": ("Thèmes jamais mentionnés", "Themes never mentioned"),
    "health.empty_era": ("Périodes sans événement", "Eras without events"),
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
    "publish.language": ("en français", "in English"),
    "publish.other_lang": ("Version française", "English version"),
    "publish.charts": ("Les graphiques", "The charts"),
    "publish.chart_data": ("Les données des graphiques", "The charts' data"),
    "publish.events": ("Les événements", "The events"),
    "publish.actors": ("Les acteurs", "The actors"),
    "publish.events_dir": ("evenements", "events"),
    "publish.actors_dir": ("acteurs", "actors"),
    "publish.date": ("Date", "Date"),
    "publish.era": ("Période", "Era"),
    "publish.category": ("Catégorie", "Category"),
    "publish.downloads": ("Téléchargements", "Downloads"),
    "publish.package": ("Le paquet de données (zip : CSV et datapackage.json)",
                        "The data package (zip: CSV files and datapackage.json)"),
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
    "problem.descriptor_inferred": ("Pas de datapackage.json : le schéma a été déduit du contrat "
                                    "(docs/DATA_CONTRACT.md) à partir des fichiers CSV.",
                                    "No datapackage.json: the schema was inferred from the "
                                    "contract (docs/DATA_CONTRACT.md) and the CSV files."),
    "problem.resource_invalid": ("datapackage.json : la ressource n° {index} n’est pas un objet "
                                 "JSON. Corrigez-la, ou supprimez datapackage.json : le schéma "
                                 "sera déduit du contrat.",
                                 "datapackage.json: resource no. {index} is not a JSON object. "
                                 "Fix it, or delete datapackage.json: the schema will be "
                                 "inferred from the contract."),
    "problem.descriptor_rule": ("datapackage.json, ressource « {resource} » : « {rule} » vaut "
                                "{value}, attendu {expected}. Corrigez cette valeur, ou "
                                "supprimez datapackage.json : le schéma sera déduit du contrat.",
                                "datapackage.json, resource “{resource}”: “{rule}” is {value}, "
                                "expected {expected}. Fix this value, or delete "
                                "datapackage.json: the schema will be inferred from the "
                                "contract."),
    "problem.field_invalid": ("datapackage.json, ressource « {resource} » : le champ n° {index} "
                              "n’est pas un objet JSON. Corrigez-le ou retirez-le.",
                              "datapackage.json, resource “{resource}”: field no. {index} is "
                              "not a JSON object. Fix or remove it."),
    "problem.field_no_name": ("datapackage.json, ressource « {resource} » : le champ n° {index} "
                              "n’a pas de nom. Ajoutez \"name\" (le nom de la colonne).",
                              "datapackage.json, resource “{resource}”: field no. {index} has "
                              "no name. Add \"name\" (the column's name)."),
    "problem.pattern_invalid": ("datapackage.json, ressource « {resource} » : l’expression "
                                "régulière « {value} » est invalide ({detail}). Corrigez-la ou "
                                "retirez ce \"pattern\".",
                                "datapackage.json, resource “{resource}”: the regular "
                                "expression “{value}” is invalid ({detail}). Fix it or remove "
                                "this \"pattern\"."),
    "problem.column_left_out": ("Colonne facultative absente : « {column} » prend sa valeur par "
                                "défaut ({fallback}).",
                                "Optional column left out: “{column}” takes its fallback "
                                "({fallback})."),
    "problem.minimum": ("« {value} » est inférieur au minimum permis ({minimum}).",
                        "“{value}” is below the allowed minimum ({minimum})."),
    "problem.maximum": ("« {value} » dépasse le maximum permis ({maximum}).",
                        "“{value}” is above the allowed maximum ({maximum})."),
    "problem.min_length": ("Texte trop court : {min} caractères au moins.",
                           "Text too short: at least {min} characters."),
    "problem.unique": ("Valeur en double « {value} » : elle figure déjà ligne {first_row}, et "
                       "cette colonne n’admet chaque valeur qu’une fois.",
                       "Duplicate value “{value}”: already on row {first_row}, and this "
                       "column takes each value once."),
    "problem.too_many_rows": ("{file} compte {rows} lignes : {max} au plus. Scindez ou "
                              "allégez le paquet.",
                              "{file} has {rows} rows: {max} at most. Split or trim the "
                              "package."),
    "problem.too_many_cells": ("Le paquet dépasse {max} cellules en tout : allégez-le.",
                               "The package has more than {max} cells in all: trim it."),
    "problem.more_problems": ("… et {count} autre(s) problème(s) du même type ({value}) dans "
                              "cette colonne : au-delà de {max} problèmes, ils sont seulement "
                              "comptés. Corrigez les premiers, puis rechargez.",
                              "… and {count} more problem(s) of the same kind ({value}) in "
                              "this column: past {max} problems they are only counted. Fix "
                              "the first ones, then load again."),
    "problem.validation_timeout": ("Vérification arrêtée après {seconds} s : le paquet est "
                                   "trop lourd pour être vérifié en entier. Allégez-le.",
                                   "Checks stopped after {seconds} s: the package is too heavy "
                                   "to check in full. Trim it."),
    # -- the network over the years --
    "time.section": ("Au fil des années", "Over the years"),
    "time.show": ("Afficher le réseau au fil des années", "Show the network over the years"),
    "time.show.help": ("Un grand réseau : la lecture année par année et ses mesures se "
                       "calculent à la demande, en quelques secondes la première fois.",
                       "A large network: the year-by-year playback and its measures are "
                       "computed on request, in a few seconds the first time."),
    "time.intro": ("Le réseau année après année, aux mêmes places : un lien apparaît l’année "
                   "où il commence et s’estompe quand il finit. Lecture, pause et curseur "
                   "jouent dans le navigateur.",
                   "The network year by year, in the same places: a tie appears the year it "
                   "starts and fades when it ends. Play, pause and the slider run in the "
                   "browser."),
    "time.tab.play": ("Lecture", "Playback"),
    "time.tab.measures": ("Mesures", "Measures"),
    "time.tab.actor": ("Un acteur", "One actor"),
    "time.keyboard": ("Année affichée avant la lecture (au clavier : flèches)",
                      "Year shown before playing (keyboard: arrow keys)"),
    "time.keyboard.help": ("Les boutons et le curseur du graphique se pilotent à la souris ; "
                           "ce curseur-ci se pilote aussi au clavier.",
                           "The chart's buttons and slider work with a mouse; this slider "
                           "also works with the keyboard."),
    "time.play.title": ("Le réseau année après année", "The network year by year"),
    "time.play.slug": ("reseau_annees", "network_years"),
    "time.play.ended": ("lien terminé", "ended tie"),
    "time.play.exact": ("lien daté", "dated tie"),
    "time.play.approx": ("lien à date approximative", "tie with an approximate date"),
    "time.play.planned": ("programme adopté (prévu)", "programme adopted (planned)"),
    "time.play.actor_approx": ("acteur à date approximative", "actor with approximate dates"),
    "time.play.actor_planned": ("acteur d’un programme", "actor of a programme"),
    "time.play.play": ("Lecture", "Play"),
    "time.play.pause": ("Pause", "Pause"),
    "time.play.year": ("Année : ", "Year: "),
    "time.hover.active": ("actif : {span}", "active: {span}"),
    "time.measure.title": ("Le réseau, mesuré année par année",
                           "The network, measured year by year"),
    "time.measure.slug": ("reseau_mesures", "network_measures"),
    "time.measure.actors": ("acteurs actifs", "active actors"),
    "time.measure.ties": ("liens actifs", "active ties"),
    "time.measure.density": ("densité", "density"),
    "time.measure.components": ("composantes", "components"),
    "time.measure.top_share": ("part des liens de l’acteur le plus central",
                               "share of ties held by the most central actor"),
    "time.measure.jump": ("année de nombreux nouveaux liens", "year of many new ties"),
    "time.jump": ("+{n} liens en {year}", "+{n} ties in {year}"),
    "time.more": ("… et {n} autres", "… and {n} more"),
    "time.hover.year": ("{actors} acteurs, {ties} liens ({new} nouveaux) ; densité {density} ; "
                        "{components} composantes ; {top} : {share} des liens",
                        "{actors} actors, {ties} ties ({new} new); density {density}; "
                        "{components} components; {top}: {share} of the ties"),
    "time.hover.top_degree": ("Plus de liens : {names}", "Most ties: {names}"),
    "time.hover.top_betweenness": ("Plus intermédiaires : {names}", "Most between: {names}"),
    "time.actor.choose": ("Acteur", "Actor"),
    "time.actor.title": ("{name}, année par année", "{name}, year by year"),
    "time.actor.slug": ("acteur_{actor}_annees", "actor_{actor}_years"),
    "time.actor.degree": ("liens (degré)", "ties (degree)"),
    "time.actor.betweenness": ("intermédiarité", "betweenness"),
    "time.hover.actor": ("{degree} liens ; intermédiarité {betweenness}",
                         "{degree} ties; betweenness {betweenness}"),
    "time.alt.play": ("Le réseau année par année, de {first} à {last} : {a0} acteurs et {e0} "
                      "liens en {first}, {a1} acteurs et {e1} liens en {last} ; le plus de "
                      "liens en {peak} ({peak_ties}). {approx} liens ont une date "
                      "approximative, {planned} relèvent d’un programme adopté (prévus).",
                      "The network year by year, from {first} to {last}: {a0} actors and {e0} "
                      "ties in {first}, {a1} actors and {e1} ties in {last}; the most ties in "
                      "{peak} ({peak_ties}). {approx} ties have an approximate date, "
                      "{planned} belong to a programme adopted (planned)."),
    "time.alt.play.empty": ("Aucun lien daté : rien à montrer année par année.",
                            "No dated tie: nothing to show year by year."),
    "time.alt.measures": ("De {first} à {last}, les acteurs actifs passent de {a0} à {a1} (au "
                          "plus {peak}) et les liens de {e0} à {e1}. Années de nombreux nouveaux liens : "
                          "{jumps}. L’acteur le plus central détient au plus {share} des liens "
                          "({top}, {year}).",
                          "From {first} to {last}, active actors go from {a0} to {a1} (at most "
                          "{peak}) and ties from {e0} to {e1}. Years of many new ties: {jumps}. The most "
                          "central actor holds at most {share} of the ties ({top}, {year})."),
    "time.alt.actor": ("{name} est actif de {first} à {last} ; au plus {degree} liens (en "
                       "{year}) ; intermédiarité au plus {betweenness}.",
                       "{name} is active from {first} to {last}; at most {degree} ties (in "
                       "{year}); betweenness at most {betweenness}."),
    "time.alt.actor.none": ("{name} n’a aucun lien daté.", "{name} has no dated tie."),
    "time.download.gexf": ("Graphe dynamique (GEXF 1.3, Gephi)",
                           "Dynamic graph (GEXF 1.3, Gephi)"),
    "time.download.gif": ("Animation GIF", "GIF animation"),
    "time.download.mp4": ("Vidéo MP4", "MP4 video"),
    "time.download.html": ("Animation HTML (hors ligne)", "HTML animation (offline)"),
    "time.download.make": ("Préparer l’animation (GIF, MP4)", "Prepare the animation (GIF, MP4)"),
    "time.download.wait": ("Dessin des images, année par année…",
                           "Drawing the frames, year by year…"),
    "time.download.failed": ("L’animation n’a pas pu être produite ici ; le GEXF et le HTML "
                             "restent disponibles.",
                             "The animation could not be made here; the GEXF and HTML are "
                             "still available."),
    "export.step.extras": ("Animation du réseau et graphe dynamique",
                           "Network animation and dynamic graph"),
    "date.qualifier.circa": ("vers {date}", "c. {date}"),
    "date.qualifier.before": ("avant {date}", "before {date}"),
    "date.qualifier.after": ("après {date}", "after {date}"),
    "network.planned": ("prévu", "planned"),
    "network.years.planned": ("programme adopté en {year}", "programme adopted in {year}"),
    "network.years.planned_undated": ("programme adopté", "programme adopted"),
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
