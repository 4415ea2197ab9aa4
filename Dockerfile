# The dashboard in a container: Debian, Python 3.11, Debian's Chromium (image export),
# a non-root user, and a health check on Streamlit's own endpoint.
#   docker build -t anis-viz .
#   docker run --rm -p 8501:8501 anis-viz        # then http://localhost:8501
# Several replicas behind HAProxy: compose.yaml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BROWSER_PATH=/usr/bin/chromium

RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 --shell /usr/sbin/nologin anis

WORKDIR /app
COPY requirements/app.lock requirements/app.lock
RUN pip install -r requirements/app.lock

COPY .streamlit .streamlit
COPY app.py app.py
COPY anis_viz anis_viz
COPY pages pages
COPY scripts scripts
COPY assets assets
COPY data data

USER anis
EXPOSE 8501
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"]
CMD ["python", "scripts/serve.py", "--server.port", "8501", "--server.address", "0.0.0.0", "--server.headless", "true", "--server.fileWatcherType", "none"]
