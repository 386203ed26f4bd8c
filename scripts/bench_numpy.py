"""The numpy side of `npm run bench`: the same training loops as train() in tight numpy.

Reads a JSON job file written by scripts/bench.js (paths of raw float64 files for X, Y and the
initial parameters), runs the loop, and prints one JSON line with the timing, the final
parameters' file paths and the costs. Run by Debian's /usr/bin/python3 with python3-numpy.
"""
import json
import sys
import time

import numpy as np


def load(entry):
    return np.fromfile(entry["path"], dtype="<f8").reshape(entry["shape"])


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def run(job):
    X = load(job["X"])
    Y = load(job["Y"])
    params = {k: load(v) for k, v in job["parameters"].items()}
    acts = job["activations"]
    L = len(acts)
    lr = job["learningRate"]
    iterations = job["iterations"]
    m = X.shape[1]
    costs = []
    t0 = time.perf_counter()
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
    seconds = time.perf_counter() - t0
    out = {}
    for k, v in params.items():
        path = job["outDir"] + "/np_" + k + ".bin"
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
    result = run(job)
    result["numpy"] = np.__version__
    result["blas"] = blas_name()
    print(json.dumps(result))
