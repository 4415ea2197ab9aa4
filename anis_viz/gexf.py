"""The network as a dynamic graph for Gephi: GEXF 1.3, time as years (``timeformat="double"``,
which Gephi reads; it does not recognise ``long``).

A tie carries its years as ``start``/``end`` (inclusive; a tie with no year of its own
takes the years its section places it in, as on the page; a missing end means still
running, a tie with neither is present throughout). An actor carries ``spells``: the years
it has at least one tie, so Gephi's timeline shows at each year exactly the page's
single-year network. Relations are directed (``source relation target``); ties through a
shared event are undirected (``type="undirected"`` on the edge). Actors without any tie
have no spell (Gephi keeps them throughout; the page shows them only in the all-time view).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx

from anis_viz import network

__all__ = ["NS", "dynamic_gexf", "intervals", "node_spells"]

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NODE_ATTRS = ("kind", "description", "quote", "section_id")
EDGE_ATTRS = ("relation", "tie", "status", "start_qualifier", "end_qualifier", "event_id",
              "quote", "section_id")


def intervals(graph: nx.MultiDiGraph) -> dict[tuple, tuple[int | None, int | None] | None]:
    """Each tie (u, v, key) -> its (start, end) years for slicing, or None for a tie with
    no year at all (present throughout)."""
    out = {}
    for u, v, k, d in graph.edges(keys=True, data=True):
        start, end = network.tie_years(d)
        out[(u, v, k)] = None if start is None and end is None else (start, end)
    return out


def node_spells(graph: nx.MultiDiGraph, ties: dict) -> dict[str, list | None]:
    """Each actor -> the merged years of its ties ([(start, end)], None = open), or None
    when one of its ties is present throughout, or [] when it has no tie."""
    spans: dict[str, list] = {node: [] for node in graph}
    always: set[str] = set()
    for (u, v, _k), span in ties.items():
        for node in (u, v):
            if span is None:
                always.add(node)
            else:
                spans[node].append(span)
    out: dict[str, list | None] = {}
    for node, found in spans.items():
        if node in always:
            out[node] = None
            continue
        low = float("-inf")
        ordered = sorted(((low if s is None else s, float("inf") if e is None else e)
                          for s, e in found))
        merged: list[list[float]] = []
        for start, end in ordered:
            if merged and start <= merged[-1][1] + 1:  # years touch: one spell
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        out[node] = [(None if s == low else int(s), None if e == float("inf") else int(e))
                     for s, e in merged]
    return out


def _time(element: ET.Element, span) -> None:
    start, end = span
    if start is not None:
        element.set("start", f"{float(start):.1f}")
    if end is not None:
        element.set("end", f"{float(end):.1f}")


def _declare(graph_el: ET.Element, cls: str, names: tuple[str, ...]) -> dict[str, str]:
    block = ET.SubElement(graph_el, f"{{{NS}}}attributes", {"class": cls, "mode": "static"})
    ids = {}
    for i, name in enumerate(names):
        ids[name] = str(i)
        ET.SubElement(block, f"{{{NS}}}attribute",
                      {"id": str(i), "title": name, "type": "string"})
    return ids


def _values(parent: ET.Element, ids: dict, data: dict) -> None:
    found = [(ids[k], str(data[k])) for k in ids if data.get(k) not in (None, "")]
    if found:
        block = ET.SubElement(parent, f"{{{NS}}}attvalues")
        for key, value in found:
            ET.SubElement(block, f"{{{NS}}}attvalue", {"for": key, "value": value})


def dynamic_gexf(graph: nx.MultiDiGraph, *, title: str = "", pos: dict | None = None,
                 lang: str = "fr") -> bytes:
    """``graph`` (from :func:`anis_viz.network.build_graph`, with or without event ties) as
    dynamic GEXF 1.3 bytes (UTF-8). ``pos``: layout positions, written as ``viz:position``
    so Gephi opens the page's picture."""
    ET.register_namespace("", NS)
    ET.register_namespace("viz", VIZ)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{NS}}}gexf", {"version": "1.3", f"{{{XSI}}}schemaLocation":
                                        f"{NS} {NS}/gexf.xsd"})
    meta = ET.SubElement(root, f"{{{NS}}}meta")
    ET.SubElement(meta, f"{{{NS}}}creator").text = "anis-viz"
    ET.SubElement(meta, f"{{{NS}}}description").text = title or "network"
    graph_el = ET.SubElement(root, f"{{{NS}}}graph", {
        "mode": "dynamic", "defaultedgetype": "directed", "timeformat": "double",
        "timerepresentation": "interval"})
    node_ids = _declare(graph_el, "node", NODE_ATTRS)
    edge_ids = _declare(graph_el, "edge", EDGE_ATTRS)
    ties = intervals(graph)
    spells = node_spells(graph, ties)
    nodes_el = ET.SubElement(graph_el, f"{{{NS}}}nodes")
    for node in sorted(graph):
        data = graph.nodes[node]
        element = ET.SubElement(nodes_el, f"{{{NS}}}node",
                                {"id": node, "label": network.name_of(graph, node, lang)})
        _values(element, node_ids, {"description": data.get("description_en")
                                    if lang == "en" and data.get("description_en")
                                    else data.get("description"), **{
                                        k: data.get(k) for k in ("kind", "quote",
                                                                 "section_id")}})
        found = spells[node]
        if found:
            if len(found) == 1:
                _time(element, found[0])
            else:
                block = ET.SubElement(element, f"{{{NS}}}spells")
                for span in found:
                    _time(ET.SubElement(block, f"{{{NS}}}spell"), span)
        if pos and node in pos:
            x, y = pos[node]
            ET.SubElement(element, f"{{{VIZ}}}position",
                          {"x": f"{x * 500:.2f}", "y": f"{y * 500:.2f}", "z": "0.0"})
    edges_el = ET.SubElement(graph_el, f"{{{NS}}}edges")
    for i, (u, v, k, d) in enumerate(sorted(graph.edges(keys=True, data=True),
                                            key=lambda e: (str(e[2]), e[0], e[1]))):
        event = d.get("tie") == "event"
        element = ET.SubElement(edges_el, f"{{{NS}}}edge", {
            "id": str(k) or f"e{i}", "source": u, "target": v,
            "type": "undirected" if event else "directed",
            "label": str(d.get("relation", ""))})
        values = dict(d, status="planned" if d.get("planned") else "attested")
        _values(element, edge_ids, values)
        if ties[(u, v, k)] is not None:
            _time(element, ties[(u, v, k)])
    ET.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8",
                                                                      xml_declaration=False)

