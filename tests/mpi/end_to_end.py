#!/usr/bin/python3
"""End-to-end MPI check (ctest mpi.end_to_end.npN; docs/hpc.md).

Generates a small demo network, runs `peerscout run job.toml` once as a single process and once
under `mpirun -np N`, and requires the two HDF5 results files to hold the same datasets with
bit-identical contents and the same attributes, except the fields that record the run itself
(timings, memory, creation time, command line: listed in VOLATILE). The shortlist CSV must be
identical too, and only rank 0 may have printed the summary.
"""
import argparse
import os
import subprocess
import sys

import h5py
import numpy as np

# Attributes that describe the run, not the results. 5000 people: label propagation takes its
# batched (distributed) path, which starts above 4096 vertices.
VOLATILE_ATTRS = {"created_utc", "command_line", "seconds", "wall_seconds", "peak_rss_bytes",
                  "peak_bytes_per_edge", "rr_memory_bytes"}
VOLATILE_PREFIXES = ("/run",)

JOB = """
[run]
out = "{out}"
shortlist = "{shortlist}"
seed = 42
top = 15
analyses = ["pagerank", "label_propagation", "imm", "opim"]

[[follows]]
path = "{net}/follows.tsv"
source = "follower"
target = "followee"

[[friends]]
path = "{net}/friends.tsv"
source = "person_a"
target = "person_b"

[[interactions]]
path = "{net}/interactions.tsv"
source = "source"
target = "target"
type = "type"
weight = "count"

[influence]
k = 8
epsilon = 0.3
simulations = 300
"""


def collect(path):
    items = {}

    def visit(name, obj):
        full = "/" + name
        if full.startswith(VOLATILE_PREFIXES):
            return
        if isinstance(obj, h5py.Dataset):
            items[full] = obj[()]
        for key, value in obj.attrs.items():
            if key not in VOLATILE_ATTRS:
                items[full + "@" + key] = value

    with h5py.File(path, "r") as f:
        for key, value in f.attrs.items():
            if key not in VOLATILE_ATTRS:
                items["/@" + key] = value
        f.visititems(visit)
    return items


def same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype.kind == "f":  # bit patterns: NaN == NaN, -0.0 != 0.0
        return a.tobytes() == b.tobytes()
    return bool(np.all(a == b))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exe", required=True)
    ap.add_argument("--mpirun", required=True)
    ap.add_argument("--np", type=int, required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    net = os.path.join(args.work, "network")
    subprocess.run([args.exe, "generate", "demo", "--people", "5000", "--seed", "7", "--out", net], check=True,
                   capture_output=True)
    env = dict(os.environ)
    env.setdefault("OMPI_ALLOW_RUN_AS_ROOT", "1")
    env.setdefault("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
    runs = {}
    for name, launcher in (("serial", []),
                           ("mpi", [args.mpirun, "-np", str(args.np), "--oversubscribe", "--bind-to", "none"])):
        out = os.path.join(args.work, name + ".h5")
        shortlist = os.path.join(args.work, name + ".csv")
        for p in (out, shortlist):
            if os.path.exists(p):
                os.remove(p)
        job = os.path.join(args.work, name + ".toml")
        with open(job, "w") as f:
            f.write(JOB.format(out=out, shortlist=shortlist, net=net))
        proc = subprocess.run(launcher + [args.exe, "run", job], env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"{name} run failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        runs[name] = (out, shortlist, proc)

    failures = []
    serial, mpi = collect(runs["serial"][0]), collect(runs["mpi"][0])
    if set(serial) != set(mpi):
        failures.append(f"different objects: only serial {sorted(set(serial) - set(mpi))}, "
                        f"only mpi {sorted(set(mpi) - set(serial))}")
    compared = 0
    for key in sorted(set(serial) & set(mpi)):
        compared += 1
        if not same(serial[key], mpi[key]):
            failures.append(f"{key}: serial {serial[key]!r:.200} != mpi {mpi[key]!r:.200}")
    for needed in ("/influence/follows/imm/seeds", "/influence/follows/opim/seeds"):
        if needed not in serial:
            failures.append(f"{needed} missing: the job did not run the distributed analyses")
    if not any("pagerank" in k for k in serial) or not any("label_propagation" in k for k in serial):
        failures.append("pagerank or label_propagation results missing")
    with open(runs["serial"][1], "rb") as a, open(runs["mpi"][1], "rb") as b:
        if a.read() != b.read():
            failures.append("shortlist CSVs differ")
    summaries = runs["mpi"][2].stderr.count("peerscout: summary")
    if summaries != 1:
        failures.append(f"the summary was printed {summaries} times under mpirun (rank 0 only expected)")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"OK: {compared} datasets/attributes identical between 1 process and {args.np} MPI ranks")


if __name__ == "__main__":
    main()
