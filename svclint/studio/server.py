"""Running the studio: uvicorn on the address asked for (loopback by default)."""

from __future__ import annotations

import ipaddress
import threading
import webbrowser
from pathlib import Path

import click
import uvicorn

from svclint.studio.app import create_app


def page_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(root: Path, host: str, port: int, open_page: bool) -> None:
    """Serve the studio for `root` until interrupted; print its address first."""
    url = page_url(host, port)
    if not is_loopback(host):
        click.echo(f"svclint: warning: {host} is not a loopback address; the page has no login, "
                   "and anyone who can reach it can read the files of this folder", err=True)
    click.echo(f"svclint studio: {url} (folder {root}); Ctrl-C stops it")
    if open_page:
        threading.Timer(1.0, webbrowser.open, (url,)).start()  # once the server listens
    uvicorn.run(create_app(root, host, port), host=host, port=port, log_level="warning")
