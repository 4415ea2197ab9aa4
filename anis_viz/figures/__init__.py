"""Pure figure builders: DataFrame or graph in, ``plotly.graph_objects.Figure`` out.

Like plotly.express: data first, options keyword-only, no I/O, no Streamlit, no literal
interface text (titles and labels are passed in, already translated).
"""
