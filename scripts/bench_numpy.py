"""The numpy side of `npm run bench`: the same training loop as train(), written two ways.

  course: the course's own style (a cache list and a grads dict built every iteration, one
          statement per course line, activations chosen by name inside the loop);
  tight:  no per-iteration containers, activation functions chosen once before the loop, one
          fused expression per equation, parameters updated in place.

Reads a JSON job file written by scripts/bench.js (paths of raw float64 files for X, Y and the
initial parameters), runs the loop in the style named by the second argument, and prints one
JSON line with the timing, the final parameters' file paths and the costs. Run by Debian's
/usr/bin/python3 with python3-numpy.
"""
import json
import sys
import time

import numpy as np


def load(entry):
    return np.fromfile(entry["path"], dtype="<f8").reshape(entry["shape"])


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def run_course(X, Y, params, acts, lr, iterations):
    L = len(acts)
    m = X.shape[1]
    costs = []
    for _ in range(iterations):
        # forward
        A = X
        cache = [(X, None)]
        for l in range(1, L + 1):
            Z = np.dot(params["W%d" % l], A) + params["b%d" % l]
            act = acts[l - 1]
            if act == "relu":
                A = np.maximum(0, Z)
            elif act == "tanh":
                A = np.tanh(Z)
            else:
                A = sigmoid(Z)
            cache.append((A, Z))
        AL = A
        cost = float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)
        costs.append(cost)
        # backward (course convention: 1/m in dW and db), dA0 skipped
        dZ = AL - Y
        grads = {}
        for l in range(L, 0, -1):
            A_prev = cache[l - 1][0]
            grads["dW%d" % l] = (1 / m) * np.dot(dZ, A_prev.T)
            grads["db%d" % l] = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
            if l > 1:
                dA = np.dot(params["W%d" % l].T, dZ)
                A_l, Z_l = cache[l - 1]
                act = acts[l - 2]
                if act == "relu":
                    dZ = dA * (Z_l > 0)
                elif act == "tanh":
                    dZ = dA * (1 - np.power(A_l, 2))
                else:
                    dZ = dA * A_l * (1 - A_l)
        for l in range(1, L + 1):
            params["W%d" % l] = params["W%d" % l] - lr * grads["dW%d" % l]
            params["b%d" % l] = params["b%d" % l] - lr * grads["db%d" % l]
    return params, costs


FORWARD = {
    "relu": lambda Z: np.maximum(Z, 0),
    "tanh": np.tanh,
    "sigmoid": lambda Z: 1 / (1 + np.exp(-Z)),
}
# dZ = dA * g'(Z), from the cached Z or A as the course does
BACKWARD = {
    "relu": lambda dA, Z, A: dA * (Z > 0),
    "tanh": lambda dA, Z, A: dA * (1 - A * A),
    "sigmoid": lambda dA, Z, A: dA * A * (1 - A),
}


def run_tight(X, Y, params, acts, lr, iterations):
    L = len(acts)
    m = X.shape[1]
    W = [params["W%d" % l] for l in range(1, L + 1)]
    b = [params["b%d" % l] for l in range(1, L + 1)]
    g = [FORWARD[a] for a in acts]
    gb = [BACKWARD[a] for a in acts]
    Zs = [None] * L
    As = [X] + [None] * L
    costs = []
    s = 1 / m
    for _ in range(iterations):
        for l in range(L):
            Zs[l] = W[l] @ As[l] + b[l]
            As[l + 1] = g[l](Zs[l])
        AL = As[L]
        costs.append(float(-(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)).sum() * s))
        dZ = AL - Y
        for l in range(L - 1, -1, -1):
            dW = (dZ @ As[l].T) * s
            db = dZ.sum(axis=1, keepdims=True) * s
            if l > 0:
                dZ = gb[l - 1](W[l].T @ dZ, Zs[l - 1], As[l])
            W[l] -= lr * dW
            b[l] -= lr * db
    return {**{"W%d" % (l + 1): W[l] for l in range(L)}, **{"b%d" % (l + 1): b[l] for l in range(L)}}, costs


def run(job, style):
    X = load(job["X"])
    Y = load(job["Y"])
    params = {k: load(v).copy() for k, v in job["parameters"].items()}
    loop = run_tight if style == "tight" else run_course
    t0 = time.perf_counter()
    params, costs = loop(X, Y, params, job["activations"], job["learningRate"], job["iterations"])
    seconds = time.perf_counter() - t0
    out = {}
    for k, v in params.items():
        path = job["outDir"] + "/np_" + style + "_" + k + ".bin"
        np.ascontiguousarray(v, dtype="<f8").tofile(path)
        out[k] = {"path": path, "shape": list(v.shape)}
    return {"seconds": seconds, "costs": costs, "parameters": out}


def blas_name():
    try:
        with open("/proc/self/maps") as f:
            maps = f.read()
    except OSError:
        return "unknown"
    for name in ("openblas", "mkl", "blis", "atlas"):
        if name in maps:
            return name
    return "reference BLAS" if "libblas" in maps else "unknown"


if __name__ == "__main__":
    job = json.load(open(sys.argv[1]))
    style = sys.argv[2] if len(sys.argv) > 2 else "course"
    if style not in ("course", "tight"):
        sys.exit("style must be course or tight, got %r" % style)
    result = run(job, style)
    result["numpy"] = np.__version__
    result["blas"] = blas_name()
    print(json.dumps(result))
