"""`python -m poscheck` runs the command-line interface."""

from poscheck.cli import main

main()
