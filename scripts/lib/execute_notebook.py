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

Once its kernel is started it writes one line to stderr,
  BPL_KERNEL {"pid": int, "pgid": int, "connection_file": str}
so that the caller can stop the kernel should this process die. On SIGINT, SIGTERM or SIGHUP it
stops the kernel's whole process group (the kernel runs in its own session, so a terminal's
Ctrl+C never reaches it), removes the kernel's connection file and exits with 128 + the signal
number. nbclient's own handlers only schedule a shutdown and leave the kernel running when this
process is killed.
"""
import asyncio
import json
import os
import re
import signal
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


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
STATE = {"phase": "idle", "stop": None, "kernel": None}


def stop_kernel_and_exit(signum):
    """Stop the kernel's process group (SIGTERM, then SIGKILL), remove its connection file, exit."""
    kernel = STATE["kernel"]
    if kernel is not None:
        process, pgid, connection_file = kernel
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(pgid, sig)
            except (ProcessLookupError, PermissionError):
                break
            deadline = time.time() + 2.0
            while time.time() < deadline and process.poll() is None:
                time.sleep(0.05)
            if process.poll() is not None:
                break
        try:
            os.remove(connection_file)
        except OSError:
            pass
    os._exit(128 + signum)


def on_signal(signum, frame):
    if STATE["phase"] == "starting":
        STATE["stop"] = signum  # the kernel's pid is not known yet: stop it once it is
        return
    stop_kernel_and_exit(signum)


def install_signal_handlers():
    for signum in STOP_SIGNALS:
        signal.signal(signum, on_signal)


class Client(NotebookClient):
    """nbclient's client, with this script's signal handlers in place of nbclient's."""

    async def async_start_new_kernel(self, **kwargs):
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.remove_signal_handler(signum)
            except (RuntimeError, ValueError):
                pass
        install_signal_handlers()
        STATE["phase"] = "starting"
        try:
            await super().async_start_new_kernel(**kwargs)
        finally:
            provisioner = getattr(self.km, "provisioner", None)
            process = getattr(provisioner, "process", None)
            if process is not None:
                pgid = getattr(provisioner, "pgid", None) or process.pid
                STATE["kernel"] = (process, pgid, self.km.connection_file)
                line = json.dumps({"pid": process.pid, "pgid": pgid, "connection_file": self.km.connection_file})
                print(f"BPL_KERNEL {line}", file=sys.stderr, flush=True)
            STATE["phase"] = "running"
        if STATE["stop"] is not None:
            stop_kernel_and_exit(STATE["stop"])


def main():
    install_signal_handlers()
    notebook_path, output_path, kernel_name, timeout, cwd = sys.argv[1:6]
    nb = nbformat.read(notebook_path, as_version=4)
    current = {"index": None}

    def on_cell_start(cell, cell_index):
        current["index"] = cell_index

    client = Client(
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
    STATE["phase"] = "done"
    STATE["kernel"] = None  # shut down and reaped by nbclient

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
