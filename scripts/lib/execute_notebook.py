"""Execute one notebook in a fresh kernel through nbclient and report what happened.

Usage: /usr/bin/python3 execute_notebook.py NOTEBOOK OUTPUT KERNEL_NAME TIMEOUT_SECONDS CWD

Writes the executed notebook to OUTPUT (also when a cell fails, with the outputs up to the
failing cell) and prints one JSON object on the last line of stdout:
  {"ok": bool, "seconds": float, "cells": int,
   "failure": {"index", "id", "source", "message"} | null,
   "problems": [{"index", "id", "source", "message"}]}
tslab replies to a failing cell with status "error" but no ename/evalue/traceback and writes
the message to the cell's stderr: the failure's "message" is that stderr text. "problems" lists
outputs that contain "UncaughtException:" or "UnhandledPromiseRejection:", which tslab prints
without failing the cell.
"""
import json
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
SILENT_FAILURES = ("UncaughtException:", "UnhandledPromiseRejection:")


def output_text(output):
    """Plain text of one output: stream text, an error's fields, or text/plain data."""
    if output.get("output_type") == "stream":
        return output.get("text", "")
    if output.get("output_type") == "error":
        return "\n".join([output.get("ename", ""), output.get("evalue", "")] + output.get("traceback", []))
    data = output.get("data", {})
    return data.get("text/plain", "") if isinstance(data.get("text/plain", ""), str) else ""


INTERNAL_FRAME = re.compile(r"^\s+at .*(node_modules/tslab/|node:vm:|node:internal/|sigintHandlersWrap).*$")


def clean_message(message):
    """Drop colour codes and the kernel's own stack frames, which say nothing about the lesson."""
    lines = ANSI.sub("", message).splitlines()
    return "\n".join(line for line in lines if not INTERNAL_FRAME.match(line)).strip()


def cell_report(cell, index, message):
    return {
        "index": index,
        "id": cell.get("id"),
        "source": cell.get("source", ""),
        "message": clean_message(message),
    }


def main():
    notebook_path, output_path, kernel_name, timeout, cwd = sys.argv[1:6]
    nb = nbformat.read(notebook_path, as_version=4)
    current = {"index": None}

    def on_cell_start(cell, cell_index):
        current["index"] = cell_index

    client = NotebookClient(
        nb,
        timeout=int(timeout),
        kernel_name=kernel_name,
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": cwd}},
        on_cell_start=on_cell_start,
    )
    started = time.time()
    failure = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        index = current["index"]
        if index is None:
            failure = {"index": None, "id": None, "source": "", "message": str(error)}
        else:
            cell = nb.cells[index]
            stderr = "".join(
                o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stderr"
            )
            errors = "".join(output_text(o) for o in cell.get("outputs", []) if o.get("output_type") == "error")
            detail = stderr or errors
            if isinstance(error, CellTimeoutError):
                detail = f"cell timed out after {timeout} s\n{detail}"
            elif isinstance(error, DeadKernelError):
                detail = f"the kernel died: {error}\n{detail}"
            elif not detail.strip():
                detail = str(error)
            failure = cell_report(cell, index, detail)
    except Exception as error:  # kernel could not start, bad notebook, ...
        failure = {"index": None, "id": None, "source": "", "message": f"{type(error).__name__}: {error}"}
    seconds = time.time() - started

    problems = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            text = output_text(output)
            if any(marker in text for marker in SILENT_FAILURES):
                problems.append(cell_report(cell, index, text))
                break

    nbformat.write(nb, output_path)
    code_cells = sum(1 for c in nb.cells if c.get("cell_type") == "code")
    print(json.dumps({
        "ok": failure is None and not problems,
        "seconds": round(seconds, 2),
        "cells": code_cells,
        "failure": failure,
        "problems": problems,
    }))


if __name__ == "__main__":
    main()
