"""The container and hosting files, linted (Docker does not run everywhere): the compose
file parses and matches the proxy's configuration, the Dockerfile copies files that exist
and runs the app as a user, the Community Cloud files match the pinned dependencies."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import yaml

from anis_viz import replicas

ROOT = Path(__file__).resolve().parent.parent


def _instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1])
            for line in lines if line and not line.startswith("#")]


def _exec_form(argument: str) -> list[str]:
    return json.loads(argument) if argument.startswith("[") else shlex.split(argument)


def test_dockerfile():
    steps = _instructions()
    kinds = [kind for kind, _ in steps]
    assert kinds[0] == "FROM" and re.match(r"python:3\.11-slim-(bookworm|trixie)$", steps[0][1])
    known = {"FROM", "ENV", "RUN", "WORKDIR", "COPY", "USER", "EXPOSE", "HEALTHCHECK", "CMD"}
    assert set(kinds) <= known
    runs = " ".join(arg for kind, arg in steps if kind == "RUN")
    assert "apt-get install" in runs and "chromium" in runs.split()
    assert "pip install -r requirements/app.lock" in runs
    for kind, argument in steps:
        if kind == "COPY":
            *sources, _target = shlex.split(argument)
            for source in sources:
                assert not source.startswith("--")
                assert (ROOT / source).exists(), source
    # a user, not root, from before the command on
    users = [(i, arg) for i, (kind, arg) in enumerate(steps) if kind == "USER"]
    assert users and users[-1][1] not in ("root", "0")
    assert re.search(rf"useradd .*\b{users[-1][1]}\b", runs)
    cmd_at = kinds.index("CMD")
    assert users[-1][0] < cmd_at
    cmd = _exec_form(steps[cmd_at][1])
    assert cmd[:2] == ["python", "scripts/serve.py"] and (ROOT / cmd[1]).exists()
    port = cmd[cmd.index("--server.port") + 1]
    assert ("EXPOSE", port) in steps
    health = next(arg for kind, arg in steps if kind == "HEALTHCHECK")
    check = _exec_form(health.split("CMD", 1)[1].strip())
    assert f"http://127.0.0.1:{port}/_stcore/health" in check[-1]
    compile(check[-1], "healthcheck", "exec")  # the check itself is valid Python
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".venv" in ignored and ".git" in ignored


def test_compose_matches_the_proxy_configuration():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    apps = sorted(name for name in services if name != "proxy")
    assert apps == ["app1", "app2"]
    for name in apps:
        service = services[name]
        assert service["build"] == "."
        assert "STREAMLIT_SERVER_COOKIE_SECRET" in service["environment"]
    proxy = services["proxy"]
    assert proxy["image"].startswith("haproxy:2.6")
    source, target, _mode = proxy["volumes"][0].split(":")
    assert (ROOT / source).resolve() == ROOT / "deploy" / "haproxy.cfg"
    assert target == "/usr/local/etc/haproxy/haproxy.cfg"
    assert set(proxy["depends_on"]) == set(apps)
    assert all(v["condition"] == "service_healthy" for v in proxy["depends_on"].values())
    config = (ROOT / "deploy" / "haproxy.cfg").read_text()
    assert config == replicas.compose_config(len(apps), 8501)
    servers = set(re.findall(r"^\s+server (\S+) (\S+):8501", config, flags=re.M))
    assert servers == {(name, name) for name in apps}
    assert proxy["ports"] == ["${PORT:-8501}:8501"]


def test_community_cloud_files():
    pinned = [line for line in (ROOT / "requirements" / "app.lock").read_text().splitlines()
              if line and not line.startswith("#")]
    listed = [line for line in (ROOT / "requirements.txt").read_text().splitlines()
              if line and not line.startswith("#")]
    assert listed == pinned
    assert (ROOT / "packages.txt").read_text().split() == ["chromium"]
    assert (ROOT / "app.py").exists()  # the entry point Community Cloud runs


def test_readme_documents_every_way_to_serve():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Deployment", 1)[1].split("\n## ", 1)[0]
    for words in ("make serve", "docker compose", "Community Cloud", "sdk: docker",
                  "app_port: 8501", "anis_viz publish", "make loadtest"):
        assert words in section, words
