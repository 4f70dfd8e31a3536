"""Draw the load curve from saved reports (tests/load/run.py --json …):

    .venv/bin/python tests/load/plot.py var/load/report-*.json --out docs/load-curve.png

p50 / p95 over all requests and server CPU per learner in floors (CPU ÷ the static-file
floor of the same run), against the class size; --cpu-target draws a target in floors.
"""

import argparse
import json
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("docs/load-curve.png"))
    parser.add_argument("--cpu-target", type=float, default=0, help="floors per learner")
    args = parser.parse_args()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = sorted((json.loads(p.read_text()) for p in args.reports), key=lambda r: r["learners"])
    learners = [r["learners"] for r in runs]
    figure, (latency, cpu) = plt.subplots(1, 2, figsize=(10, 4))
    latency.plot(learners, [r["all"]["p50"] for r in runs], marker="o", label="p50")
    latency.plot(learners, [r["all"]["p95"] for r in runs], marker="o", label="p95")
    latency.axhline(250, color="grey", linestyle="--", label="target p95 250 ms")
    latency.set(xlabel="learners", ylabel="ms (all requests)", title="Latency")
    latency.legend()
    floors = [r["cpu_ms_per_learner"] / r["floor_ms"] for r in runs]
    cpu.plot(learners, floors, marker="o", color="tab:red", label="CPU ÷ floor")
    if args.cpu_target:
        cpu.axhline(args.cpu_target, color="grey", linestyle="--", label="target")
    cpu.set(xlabel="learners", ylabel="server CPU per learner, in floors", title="CPU per learner")
    cpu.legend()
    for axes in (latency, cpu):
        axes.set_ylim(bottom=0)  # from zero, so the distance to a target reads true
    figure.tight_layout()
    figure.savefig(args.out, dpi=100)
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
