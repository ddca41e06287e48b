"""Seed 004's recipe in NumPy, timed the same way as the C# benchmark: median of N runs after one warm-up.

Reads data/digits.csv.gz (raw pixels), a seeded 75/25 split, Xavier-uniform init, a 64-32-10 network,
501 full-batch epochs of gradient descent with learning rate 1e-2. Prints recipe_numpy_median_s=SECONDS and
recipe_numpy_blas=..., the BLAS library, kernel and thread count NumPy ran with (threadpoolctl's reading where it is
installed, else what numpy.show_config names), since OpenBLAS picks its kernel at load time from the CPU and from
OPENBLAS_CORETYPE, and the same NumPy can be several times slower with another.
"""
import gzip
import sys
import time

import numpy as np


def load(path):
    with gzip.open(path, "rt") as f:
        data = np.loadtxt(f, delimiter=",")
    return data[:, :64], data[:, 64].astype(int)


def train(x, y, rng):
    n, d = x.shape
    h, k = 32, 10
    a1, a2 = np.sqrt(6.0 / (d + h)), np.sqrt(6.0 / (h + k))
    w1, b1 = rng.uniform(-a1, a1, (d, h)), np.zeros(h)
    w2, b2 = rng.uniform(-a2, a2, (h, k)), np.zeros(k)
    onehot = np.eye(k)[y]
    lr = 1e-2
    for _ in range(501):
        z1 = x @ w1 + b1
        hidden = np.maximum(0, z1)
        logits = hidden @ w2 + b2
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        _loss = -(onehot * log_probs).sum() / n
        d_logits = (np.exp(log_probs) - onehot) / n
        d_hidden = d_logits @ w2.T
        d_w2, d_b2 = hidden.T @ d_logits, d_logits.sum(axis=0)
        d_z1 = d_hidden * (z1 > 0)
        d_w1, d_b1 = x.T @ d_z1, d_z1.sum(axis=0)
        w1 -= lr * d_w1
        b1 -= lr * d_b1
        w2 -= lr * d_w2
        b2 -= lr * d_b2
    return w1, b1, w2, b2


def blas():
    """One line: library, version, kernel, threading and thread count, or numpy's own description of its BLAS."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        threadpool_info = None
    if threadpool_info is not None:
        pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
        if pools:
            return "; ".join(
                f"{p.get('internal_api')} {p.get('version')} kernel {p.get('architecture', '?')} "
                f"{p.get('threading_layer', '?')} threads {p.get('num_threads')}" for p in pools)
    # No threadpoolctl: numpy knows the library it was built against, not the kernel OpenBLAS chose at load time.
    try:
        built = np.show_config(mode="dicts")["Build Dependencies"]["blas"]  # NumPy 1.26 and later
        library = f"{built.get('name')} {built.get('version', '')}".strip()
    except TypeError:  # older NumPy: no mode argument
        library = ", ".join(dict.fromkeys(np.__config__.get_info("blas_opt_info").get("libraries", []))) or "unknown"
    return f"{library} (kernel unknown: threadpoolctl is not installed)"


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    x, y = load("data/digits.csv.gz")
    rng = np.random.default_rng(123)
    order = rng.permutation(len(x))
    test_count = int(np.ceil(0.25 * len(x)))
    train_rows, test_rows = order[test_count:], order[:test_count]
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        w1, b1, w2, b2 = train(x[train_rows], y[train_rows], np.random.default_rng(123))
        if i > 0:  # the first run warms up
            times.append(time.perf_counter() - start)
    predicted = (np.maximum(0, x[test_rows] @ w1 + b1) @ w2 + b2).argmax(axis=1)
    print(f"recipe_numpy_test_accuracy={np.mean(predicted == y[test_rows]):.4f}")
    print(f"recipe_numpy_median_s={np.median(times):.4f}")
    print(f"recipe_numpy_blas={blas()}")


if __name__ == "__main__":
    main()
