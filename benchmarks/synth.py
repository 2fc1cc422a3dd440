"""Write synthetic strategies: python benchmarks/synth.py N -o FILE [--seed S].

The generator is graph/synth.py (installed with the package; `samsyn synth` calls it too)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from samsyn.graph.synth import write_synthetic


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of organisations (311 = every Swedish municipality and region)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="Turtle file to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    def progress(done: int, total: int) -> None:
        if done % max(1, total // 50) == 0 or done == total:
            width = 40
            filled = width * done // total
            print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} organisations",
                  end="", file=sys.stderr, flush=True)

    write_synthetic(args.n, args.output, args.seed, progress)
    print(file=sys.stderr)
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
