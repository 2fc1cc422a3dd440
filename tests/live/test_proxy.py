"""The deployment files of docs/deploy/ (docs/deployment.md): each passes its own tool's check,
and the nginx configuration, run for real in front of `samsyn serve` on loopback, does what the
document says: TLS, gzip, cached static assets, a body limit, and per-client limits answered
with Retry-After. Each test is skipped where its tool is not installed (Debian: nginx,
caddy, openssl, systemd, nftables; nft checks a ruleset only as root)."""

from __future__ import annotations

import os
import shutil
import signal
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from samsyn.viewer.testing import free_port
from samsyn_live_helpers import RUNAWAY, Answer, send, serving

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy"
NGINX = DEPLOY / "nginx-samsyn.conf"
CADDY = DEPLOY / "Caddyfile"
UNIT = DEPLOY / "samsyn.service"
NFTABLES = DEPLOY / "nftables-samsyn.nft"
SITE = "samsyn.example.org"


def needs(tool: str):
    return pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} is not installed")


def replaced(text: str, old: str, new: str) -> str:
    """`text` with `old` replaced; the shipped file must contain it (else the test is stale)."""
    assert old in text, f"{old!r} is no longer in the shipped configuration: update this test"
    return text.replace(old, new)


def self_signed(folder: Path) -> tuple[Path, Path]:
    certificate, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={SITE}",
                    "-keyout", str(key), "-out", str(certificate)], check=True, capture_output=True)
    return certificate, key


def nginx_files(folder: Path, samsyn_port: int = 5000, http_port: int | None = None,
                https_port: int | None = None) -> Path:
    """The shipped configuration inside a main file like Debian's (http {} with gzip on, as in
    /etc/nginx/nginx.conf), with its certificate, cache and temporary paths under `folder`; with
    ports given, listening on those loopback ports in front of samsyn on `samsyn_port`."""
    certificate, key = self_signed(folder)
    site = NGINX.read_text()
    site = replaced(site, f"/etc/letsencrypt/live/{SITE}/fullchain.pem", str(certificate))
    site = replaced(site, f"/etc/letsencrypt/live/{SITE}/privkey.pem", str(key))
    site = replaced(site, "/var/cache/nginx/samsyn", str(folder / "cache"))
    if http_port and https_port:
        site = replaced(site, "listen 80;", f"listen 127.0.0.1:{http_port};")
        site = replaced(site, "listen [::]:80;", "")
        site = replaced(site, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
        site = replaced(site, "listen [::]:443 ssl http2;", "")
        site = replaced(site, "server 127.0.0.1:5000;", f"server 127.0.0.1:{samsyn_port};")
    (folder / "samsyn.conf").write_text(site)
    temporary = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    main = folder / "nginx.conf"
    main.write_text(f"""{'user root;' if os.geteuid() == 0 else ''}
pid {folder / 'nginx.pid'};
error_log {folder / 'error.log'};
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {folder / 'access.log'};
{temporary}
    gzip on;
    include {folder / 'samsyn.conf'};
}}
""")
    return main


@needs("nginx")
@needs("openssl")
def test_the_nginx_configuration_passes_nginx_t(tmp_path):
    main = nginx_files(tmp_path)
    check = subprocess.run(["nginx", "-t", "-c", str(main), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


@needs("caddy")
def test_the_caddyfile_passes_caddy_validate(tmp_path):
    home = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    check = subprocess.run(["caddy", "validate", "--config", str(CADDY), "--adapter", "caddyfile"],
                           capture_output=True, text=True, env={**os.environ, **home}, timeout=60)
    assert check.returncode == 0, check.stderr[-2000:]
    assert "not formatted" not in check.stderr, "run caddy fmt --overwrite docs/deploy/Caddyfile"


@needs("systemd-analyze")
def test_the_systemd_unit_passes_systemd_analyze_verify(tmp_path):
    # the unit names /opt/samsyn/venv/bin/samsyn; verify checks that it exists, so point it at ours
    samsyn = Path(sys.executable).with_name("samsyn")
    unit = tmp_path / "samsyn.service"
    unit.write_text(replaced(UNIT.read_text(), "/opt/samsyn/venv/bin/samsyn", str(samsyn)))
    check = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr


@needs("nft")
@pytest.mark.skipif(os.geteuid() != 0, reason="nft -c needs root (CAP_NET_ADMIN) to check a ruleset")
def test_the_nftables_rules_pass_nft_c():
    check = subprocess.run(["nft", "-c", "-f", str(NFTABLES)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr


@pytest.fixture(scope="module")
def proxied(tmp_path_factory) -> Iterator[tuple[int, ssl.SSLContext]]:
    """nginx with the shipped configuration in front of `samsyn serve --query-timeout 3
    --trusted-proxy 127.0.0.1` (as docs/deploy/samsyn.service runs it); yields the HTTPS port and
    a TLS context that trusts its certificate."""
    if shutil.which("nginx") is None or shutil.which("openssl") is None:
        pytest.skip("nginx or openssl is not installed")
    folder = tmp_path_factory.mktemp("nginx")
    with serving("--query-timeout", "3", "--trusted-proxy", "127.0.0.1") as samsyn_port:
        https_port = free_port()
        main = nginx_files(folder, samsyn_port, free_port(), https_port)
        nginx = subprocess.Popen(["nginx", "-c", str(main), "-p", str(folder), "-e", str(folder / "error.log"),
                                  "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        tls = ssl.create_default_context(cafile=str(folder / "fullchain.pem"))
        tls.check_hostname = False  # the certificate names the site; the test connects to 127.0.0.1
        try:
            deadline = time.monotonic() + 20
            while send(https_port, "GET", "/index.json", timeout=5, tls=tls).status != 200:
                assert nginx.poll() is None, f"nginx exited: {nginx.stderr.read()}"
                assert time.monotonic() < deadline, "nginx did not answer within 20 s"
                time.sleep(0.2)
            yield https_port, tls
        finally:
            nginx.send_signal(signal.SIGQUIT)  # graceful stop
            try:
                nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                nginx.kill()
                nginx.wait()


@pytest.mark.live
def test_nginx_compresses_pages_and_lets_browsers_cache_static_assets(proxied):
    port, tls = proxied
    page = send(port, "GET", "/", tls=tls, headers={"Accept": "text/html", "Accept-Encoding": "gzip"})
    assert page.status == 200 and page.headers.get("content-encoding") == "gzip"
    asset = send(port, "GET", "/static/css/samsyn.css", tls=tls)
    assert asset.status == 200 and asset.headers.get("cache-control") == "max-age=3600"
    again = send(port, "GET", "/static/css/samsyn.css", tls=tls)
    assert again.headers.get("x-cache-status") == "HIT"  # the second visitor does not reach waitress


@pytest.mark.live
def test_nginx_refuses_a_body_over_the_limit(proxied):
    port, tls = proxied
    answer = send(port, "POST", "/sparql", tls=tls, body=b"#" * (2 << 20),
                  headers={"Content-Type": "application/sparql-query"})
    assert answer.status == 413


@pytest.mark.live
@pytest.mark.slow
def test_nginx_answers_a_client_over_its_query_limits_with_retry_after(proxied):
    port, tls = proxied
    # more queries at once than one client may run: the extra ones are refused at once
    answers: list[Answer] = []
    threads = [threading.Thread(target=lambda: answers.append(send(port, "POST", "/sparql", RUNAWAY, tls=tls)))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refused = [a for a in answers if a.seconds < 1]  # the other two run until samsyn's 3 s limit
    assert len(refused) == 2, [(a.status, round(a.seconds, 1)) for a in answers]
    assert all(a.status == 503 and a.headers.get("retry-after") == "5" for a in refused)
    time.sleep(5)  # the rate limit's bucket refills (2 a second)
    # more queries per second than its rate and burst allow: 429 with Retry-After
    quick = [send(port, "GET", "/sparql?query=ASK%7B%7D", tls=tls) for _ in range(20)]
    assert [a.status for a in quick[:10]] == [200] * 10
    assert quick[-1].status == 429 and quick[-1].headers.get("retry-after") == "5"


@pytest.mark.live
@pytest.mark.slow
def test_behind_nginx_each_client_has_its_own_share_of_queries(proxied):
    port, tls = proxied
    time.sleep(5)  # the rate limit's bucket refills (2 a second), whatever ran before
    # one client (127.0.0.1) runs as many queries as samsyn lets one client run...
    answers: list[Answer] = []
    hogs = [threading.Thread(target=lambda: answers.append(send(port, "POST", "/sparql", RUNAWAY, tls=tls)))
            for _ in range(2)]
    for thread in hogs:
        thread.start()
    time.sleep(1.0)
    # ...and another (127.0.0.2) is answered: samsyn counts clients by the proxy's X-Forwarded-For
    other = send(port, "POST", "/sparql", "ASK {}", tls=tls, source="127.0.0.2")
    for thread in hogs:
        thread.join()
    assert other.status == 200, (other.status, other.body[:200])
    assert all(a.status == 503 and b"time limit" in a.body for a in answers), [a.status for a in answers]


@pytest.mark.live
def test_behind_nginx_samsyn_names_its_endpoint_with_https(proxied):
    port, tls = proxied
    description = send(port, "GET", "/sparql", tls=tls, headers={"Accept": "text/turtle"})
    assert description.status == 200
    assert b"<https://127.0.0.1:%d/sparql>" % port in description.body, description.body[:1000]
