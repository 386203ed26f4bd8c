"""Interrupt the project's kernel the way a Jupyter front end does, and report what happened.

Usage: /usr/bin/python3 interrupt_kernel.py KERNEL_NAME   (JUPYTER_PATH must hold the kernel spec)

Starts the kernel through jupyter_client (as Notebook, JupyterLab and nbclient do), defines a
variable, then for each busy cell (a `while (true) {}` loop, a far too long `train()`): sends
it, waits until it has run for a while, calls `interrupt_kernel()` (SIGINT for a kernel spec
without `interrupt_mode`, a message for `"interrupt_mode": "message"`) and waits up to
STOP_LIMIT seconds for the cell's reply. Prints one JSON object per line:
  {"cell": NAME, "stopped": bool, "seconds": float, "status": str, "stderr": str}
  {"cell": "after", "stdout": str, "status": str}   (the variable read back after the interrupts)
"""
import json
import os
import queue
import sys
import tempfile
import time

from jupyter_client.manager import start_new_kernel

STOP_LIMIT = 30.0  # seconds: far above the ~0.1 s an interrupt takes, below "never"


def run(kc, code, timeout=120.0):
    """Execute `code`; return (status, stdout, stderr) once the kernel is idle again."""
    msg_id = kc.execute(code)
    stdout, stderr, status = [], [], None
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "stream":
            (stdout if msg["content"]["name"] == "stdout" else stderr).append(msg["content"]["text"])
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            break
    while status is None and time.time() < deadline:
        reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if reply["parent_header"].get("msg_id") == msg_id:
            status = reply["content"]["status"]
    return status, "".join(stdout), "".join(stderr)


def interrupt(km, kc, name, code, flag):
    """Send a busy cell, interrupt it once it has written `flag` (it is then past TypeScript's
    compilation, which SIGINT does not stop) and half a second more, and report whether and
    when it stopped."""
    msg_id = kc.execute(code)
    stderr = []
    deadline = time.time() + 120
    while not os.path.exists(flag) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    started = time.time()
    km.interrupt_kernel()
    status = None
    while time.time() - started < STOP_LIMIT:
        try:
            reply = kc.get_shell_msg(timeout=0.2)
        except queue.Empty:
            continue
        if reply["parent_header"].get("msg_id") == msg_id:
            status = reply["content"]["status"]
            break
    seconds = round(time.time() - started, 2)
    # the cell's own stderr (tslab writes errors there)
    deadline = time.time() + 5
    while time.time() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=0.5)
        except queue.Empty:
            break
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream" and msg["content"]["name"] == "stderr":
            stderr.append(msg["content"]["text"])
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    print(json.dumps({"cell": name, "stopped": status is not None, "seconds": seconds,
                      "status": status, "stderr": "".join(stderr)}), flush=True)
    # tslab aborts requests that arrive within ~200 ms of a failed cell
    time.sleep(0.5)
    return status is not None


def main():
    kernel_name = sys.argv[1]
    km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=120)
    flags = tempfile.mkdtemp(prefix="bpl-interrupt-")
    loop_flag = os.path.join(flags, "looping")
    train_flag = os.path.join(flags, "training")
    try:
        setup = (
            "// a variable defined before the interrupts, and what the busy cells need\n"
            'import { planarData, initializeNetwork, train } from "backprop-lessons";\n'
            'import { writeFileSync } from "fs";\n'
            "const flower = planarData();\n"
            "const answer = 41 + 1;"
        )
        status, out, err = run(kc, setup)
        if status != "ok":
            raise SystemExit(f"the set-up cell failed: {status} {out} {err}")
        loop = f"// never ends on its own\nwriteFileSync({json.dumps(loop_flag)}, '');\nwhile (true) {{}}"
        if interrupt(km, kc, "busy loop", loop, loop_flag):
            training = (
                "// far too many iterations\n"
                "train(flower.X, flower.Y, { parameters: initializeNetwork([2, 4, 1], { seed: 1 }), "
                'activations: ["tanh", "sigmoid"], loss: "cross-entropy", learningRate: 1.2, iterations: 10000000, '
                f"onProgress: (p) => {{ if (p.iteration === 0) writeFileSync({json.dumps(train_flag)}, ''); }} }});"
            )
            interrupt(km, kc, "train", training, train_flag)
            status, out, err = run(kc, "// still there?\nanswer")
            print(json.dumps({"cell": "after", "stdout": out, "stderr": err, "status": status}), flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
