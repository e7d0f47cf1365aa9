"""Where benchmark figures go: merged into out/bench.json, one key per benchmark."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any


def machine() -> dict[str, Any]:
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}


def record(path: str | Path, figures: dict[str, Any]) -> None:
    """Merge `figures` into the JSON file at `path` (created if missing), keys sorted."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    merged = json.loads(out.read_text()) if out.exists() else {}
    merged.update(figures)
    merged["machine"] = machine()
    out.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n")
