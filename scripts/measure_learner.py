"""What one learner's Jupyter server needs: memory and CPU while every lesson runs through it.

Usage (from the repository root, after `npm run setup`):
    JUPYTER_PATH=$PWD/jupyter /usr/bin/python3 scripts/measure_learner.py [--keep-kernels]

It starts a Jupyter server (`jupyter notebook`, the one `npm start` runs) on 127.0.0.1, then does
what a learner does: opens each lesson in order (a session, so the server starts the lesson's
kernel) and runs every code cell through the server's websocket, as the front end does. With
--keep-kernels every kernel stays open afterwards (a learner who never closes a notebook),
otherwise each is shut down when its lesson is done. Every 0.2 s it reads /proc: the resident
memory (RSS) of the server and of each kernel process (tslab on Node), and their CPU time.
Prints one line per lesson and a summary: the peak RSS of each kernel, of the server, and the
peak of their sum; CPU seconds and the busiest second.
"""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid

from tornado import httpclient, ioloop, websocket

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICKS = os.sysconf("SC_CLK_TCK")


def proc_stats(pid):
    """(rss_bytes, cpu_seconds) of one process, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            rss = int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1)) * 1024
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return rss, (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, AttributeError):
        return None


def descendants(pid):
    """Every process below `pid`."""
    out, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            children = open(f"/proc/{parent}/task/{parent}/children").read().split()
        except OSError:
            continue
        for child in map(int, children):
            out.append(child)
            todo.append(child)
    return out


class Sampler(threading.Thread):
    """Samples the server's process tree every 0.2 s."""

    def __init__(self, server_pid):
        super().__init__(daemon=True)
        self.server_pid = server_pid
        self.peak = {}  # pid -> peak rss
        self.cpu = {}  # pid -> last cpu seconds
        self.peak_total = 0
        self.busiest = 0.0  # most CPU seconds used in one wall-clock second (cores)
        self.history = []  # (time, total cpu seconds)
        self.running = True

    def run(self):
        while self.running:
            total_rss = 0
            total_cpu = 0.0
            for pid in [self.server_pid] + descendants(self.server_pid):
                stats = proc_stats(pid)
                if stats is None:
                    continue
                rss, cpu = stats
                self.peak[pid] = max(self.peak.get(pid, 0), rss)
                self.cpu[pid] = cpu
                total_rss += rss
            total_cpu = sum(self.cpu.values())
            now = time.time()
            self.peak_total = max(self.peak_total, total_rss)
            self.history.append((now, total_cpu))
            while self.history and now - self.history[0][0] > 1.0:
                old = self.history.pop(0)
                if now - old[0] >= 0.9:
                    self.busiest = max(self.busiest, (total_cpu - old[1]) / (now - old[0]))
            time.sleep(0.2)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base, token, method, path, body=None):
    request = urllib.request.Request(
        f"{base}{path}", method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        text = response.read()
        return json.loads(text) if text else None


async def run_cells(ws_url, token, sources, timeout=300):
    """Run each source as an execute_request over the kernel's websocket; returns failures."""
    conn = await websocket.websocket_connect(
        httpclient.HTTPRequest(ws_url, headers={"Authorization": f"token {token}"}))
    session = uuid.uuid4().hex
    failures = []
    for index, source in sources:
        msg_id = uuid.uuid4().hex
        message = {
            "header": {"msg_id": msg_id, "username": "learner", "session": session, "msg_type": "execute_request",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": source, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }
        await conn.write_message(json.dumps(message))
        deadline = time.time() + timeout
        while True:
            raw = await conn.read_message()
            if raw is None or time.time() > deadline:
                failures.append((index, "no reply"))
                break
            if isinstance(raw, bytes):
                continue
            reply = json.loads(raw)
            if reply.get("parent_header", {}).get("msg_id") == msg_id and reply["msg_type"] == "execute_reply":
                if reply["content"]["status"] != "ok":
                    failures.append((index, reply["content"].get("evalue") or "error"))
                break
        if failures:
            break
    conn.close()
    return failures


def main():
    keep = "--keep-kernels" in sys.argv
    port = free_port()
    token = uuid.uuid4().hex
    env = dict(os.environ)
    env.setdefault("JUPYTER_PATH", os.path.join(ROOT, "jupyter"))
    server = subprocess.Popen(
        ["jupyter", "notebook", "--no-browser", "--ip=127.0.0.1", f"--port={port}", f"--notebook-dir={ROOT}",
         f"--NotebookApp.token={token}", "--NotebookApp.port_retries=0"]
        + (["--allow-root"] if os.getuid() == 0 else []),
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            api(base, token, "GET", "/api/status")
            break
        except OSError:
            time.sleep(0.1)
    sampler = Sampler(server.pid)
    sampler.start()
    lessons = sorted(f for f in os.listdir(os.path.join(ROOT, "notebooks")) if re.match(r"\d\d-.*\.ipynb$", f))
    loop = ioloop.IOLoop.current()
    kernels = []
    print(f"{'lesson':40} {'seconds':>8} {'kernel peak RSS':>16} {'kernel CPU s':>12}")
    try:
        for name in lessons:
            nb = json.load(open(os.path.join(ROOT, "notebooks", name)))
            sources = [(i, "".join(c["source"]) if isinstance(c["source"], list) else c["source"])
                       for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]
            started = time.time()
            before = set(descendants(server.pid))
            session = api(base, token, "POST", "/api/sessions",
                          {"path": f"notebooks/{name}", "type": "notebook", "kernel": {"name": "backprop-lessons"}})
            kernel_id = session["kernel"]["id"]
            failures = loop.run_sync(lambda: run_cells(
                f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}&token={token}", token, sources))
            seconds = time.time() - started
            mine = [pid for pid in descendants(server.pid) if pid not in before]
            kernel_pid = max(mine, key=lambda pid: sampler.peak.get(pid, 0)) if mine else -1
            kernels.append((name, kernel_pid))
            status = "FAILED " + str(failures) if failures else ""
            print(f"{name:40} {seconds:8.1f} {sampler.peak.get(kernel_pid, 0) / 2**20:13.0f} MB "
                  f"{sampler.cpu.get(kernel_pid, 0):12.1f} {status}", flush=True)
            if not keep:
                api(base, token, "DELETE", f"/api/sessions/{session['id']}")
        time.sleep(0.5)
    finally:
        sampler.running = False
        sampler.join()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    server_peak = sampler.peak.get(server.pid, 0)
    kernel_peaks = [sampler.peak.get(pid, 0) for _, pid in kernels]
    print(f"\nserver (jupyter notebook) peak RSS: {server_peak / 2**20:.0f} MB")
    print(f"largest kernel peak RSS: {max(kernel_peaks) / 2**20:.0f} MB; smallest: {min(kernel_peaks) / 2**20:.0f} MB")
    print(f"peak of server + all kernels together ({'every kernel kept open' if keep else 'one lesson open at a time'}): "
          f"{sampler.peak_total / 2**20:.0f} MB")
    print(f"CPU: {sum(sampler.cpu.values()):.0f} s in all; busiest second: {sampler.busiest:.2f} cores")


if __name__ == "__main__":
    main()
