"""`run_standalone` in a child process: greeting, serving, and a clean exit on Ctrl+C."""

import signal
import subprocess
import sys
from pathlib import Path

import httpx

from app.sandbox import DEMO_TOKEN, DEMO_TOKENS

START = (
    "import sys; from pathlib import Path; from app.sandbox import run_standalone; "
    "sys.exit(run_standalone(port=0, seed='empty', db=Path(sys.argv[1])))"
)


def test_the_standalone_sandbox_greets_serves_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", START, str(tmp_path / "standalone.db")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stderr is not None
    try:
        first_line = child.stdout.readline()
        url = first_line.split(" listening on ")[1].split()[0]
        assert url.startswith("http://127.0.0.1:")
        headers = {"Authorization": f"Bearer {DEMO_TOKEN}"}
        projects = httpx.get(url + "/v1/projects", headers=headers).json()["data"]
        assert [project["id"] for project in projects] == ["proj_empty"]
    finally:
        child.send_signal(signal.SIGINT)
        out, err = child.stdout.read(), child.stderr.read()  # both end when the child exits
        child.wait(timeout=10)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == 0, err
    assert "Traceback" not in err
    assert f"curl -H 'Authorization: Bearer {DEMO_TOKEN}' {url}/v1/projects" in out
    assert all(token in out for token in DEMO_TOKENS)
    assert (tmp_path / "standalone.db").exists()
