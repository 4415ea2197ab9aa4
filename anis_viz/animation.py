"""The network's playback to take away: an animated GIF, an MP4 video and a self-contained
animated HTML page, each with the title, the source line and the year on every frame; and
the files they join in the assembly pack (with the dynamic GEXF).

Frames are drawn by the same browser as every other export (:func:`anis_viz.export.images`);
GIF and MP4 are encoded with ``imageio`` (Pillow) and ``imageio-ffmpeg`` (its own ffmpeg).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from pathlib import Path

import plotly.graph_objects as go

from anis_viz import export, gexf, network, network_time_view, style
from anis_viz.cache import per_content
from anis_viz.chart import Chart
from anis_viz.export import Stamp

__all__ = ["FRAME_SECONDS", "SCALE", "frame_figures", "gif", "html", "mp4", "pack_files",
           "png_frames", "videos"]

SCALE = 0.6  # of the 1600×900 export size: 960×540 frames, even sides for H.264
FRAME_SECONDS = 1.0  # one year per second


def frame_figures(chart: Chart, st: Stamp, years: Sequence[int] | None = None) -> list[go.Figure]:
    """One still figure per frame of the playback ``chart`` (all years by default): the
    frame's ties, actors and year, with the chart's title and the source line
    (:func:`anis_viz.export.decorated`), without the play button and slider."""
    base = export.decorated(chart, st)
    base.layout.updatemenus, base.layout.sliders = None, None
    wanted = None if years is None else {str(y) for y in years}
    out = []
    for frame in chart.figure.frames:
        if wanted is not None and frame.name not in wanted:
            continue
        still = go.Figure(base)
        still.frames = []
        for index, data in zip(frame.traces, frame.data, strict=True):
            still.data[index].update({k: v for k, v in data.to_plotly_json().items()
                                      if k != "type"})
        out.append(still)
    return out


def png_frames(figures: Sequence[go.Figure], scale: float = SCALE) -> list[bytes]:
    """PNG bytes of each figure, drawn at ``scale`` of the export size, in one batch."""
    return export.images([(figure, "png", scale) for figure in figures])


def _arrays(frames: Sequence[bytes]):
    import numpy as np
    from PIL import Image

    return [np.asarray(Image.open(io.BytesIO(png)).convert("RGB")) for png in frames]


def gif(frames: Sequence[bytes], seconds: float = FRAME_SECONDS) -> bytes:
    """An animated GIF that loops, ``seconds`` per frame."""
    import imageio.v3 as iio

    return iio.imwrite("<bytes>", _arrays(frames), extension=".gif",
                       duration=int(seconds * 1000), loop=0)


def mp4(frames: Sequence[bytes], seconds: float = FRAME_SECONDS) -> bytes:
    """An H.264 MP4 (yuv420p, plays in browsers and presentation software), ``seconds``
    per frame."""
    import imageio_ffmpeg

    images = _arrays(frames)
    if not images:
        return b""
    height, width = images[0].shape[:2]
    fps = 10  # each frame repeated: players handle 10 fps better than 1 fps
    repeat = max(1, round(seconds * fps))
    with tempfile.TemporaryDirectory(prefix="anis-viz-video-") as tmp:
        path = Path(tmp) / "play.mp4"
        writer = imageio_ffmpeg.write_frames(str(path), (width, height), fps=fps,
                                             codec="libx264", pix_fmt_out="yuv420p",
                                             macro_block_size=2, quality=7,
                                             output_params=["-movflags", "+faststart"])
        writer.send(None)
        for image in images:
            for _ in range(repeat):
                writer.send(image.tobytes())
        writer.close()
        return path.read_bytes()


def html(chart: Chart, st: Stamp) -> bytes:
    """A self-contained page (plotly.js inside, works offline) that plays the network: the
    title and the source line stay, the year changes with each frame."""
    figure = export.decorated(chart, st)
    figure.update_layout(width=None, height=820, autosize=True,
                         margin=dict(b=max(figure.layout.margin.b or 0, 160)))
    page = figure.to_html(full_html=True, include_plotlyjs=True, auto_play=False,
                          config={"displaylogo": False, "responsive": True},
                          div_id="network-play")
    return page.replace("<head>", f'<head><meta charset="utf-8"><title>'
                        f'{_escape(chart.title)}</title>', 1).replace(
        "<html>", f'<html lang="{st.lang}">', 1).encode("utf-8")


def _escape(text: str) -> str:
    import html as html_lib

    return html_lib.escape(str(text))


@per_content(maxsize=4)
def videos(ds, lang: str = "fr", start: int | None = None) -> dict[str, bytes]:
    """The playback (its slider at ``start``) as ``{"gif": …, "mp4": …}``, drawn once per
    data content, language and start."""
    mark = export.stamp(ds, lang)
    frames = png_frames(frame_figures(network_time_view.play_chart(ds, lang, start), mark))
    return {"gif": gif(frames), "mp4": mp4(frames)}


def pack_files(ds, st: Stamp, chart: Chart | None = None) -> list[tuple[str, bytes]]:
    """What the network over the years adds to the assembly pack: the dynamic GEXF, the
    animated HTML, the GIF and the MP4, as (path in the zip, bytes)."""
    chart = chart or network_time_view.play_chart(ds, st.lang, template=style.TEMPLATE)
    graph = network.build_graph(ds, include_events=True)
    files = [(f"gexf/{export.file_name(st, chart, 'gexf')}",
              gexf.dynamic_gexf(graph, title=chart.title,
                                pos=network.layout(network_time_view.graph_of(ds)),
                                lang=st.lang)),
             (f"animation/{export.file_name(st, chart, 'html')}", html(chart, st))]
    frames = png_frames(frame_figures(chart, st))
    files += [(f"animation/{export.file_name(st, chart, 'gif')}", gif(frames)),
              (f"animation/{export.file_name(st, chart, 'mp4')}", mp4(frames))]
    return files

